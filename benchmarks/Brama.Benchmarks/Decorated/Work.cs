using System.Runtime.CompilerServices;

namespace Brama.Benchmarks.Decorated;

/// <summary>
/// The unit of work every benchmark calls, kept out of line so that the direct baseline and the protected paths
/// pay for the same call and the JIT cannot fold it away.
/// </summary>
internal static class Work
{
    public static readonly Task<int> CompletedTask = Task.FromResult(1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int One() => 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<int> OneTask() => CompletedTask;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ValueTask<int> OneValueTask() => new(1);

    public static async Task<int> OneTaskYielding()
    {
        await Task.Yield();
        return 1;
    }

    public static async ValueTask<int> OneValueTaskYielding()
    {
        await Task.Yield();
        return 1;
    }
}
