using System.Runtime.CompilerServices;
using Brama.Benchmarks.Decorated;

namespace Brama.Benchmarks;

/// <summary>A successful call through a connection by hand (<c>TryAcquire</c>, the work, <c>Complete</c>), as P1's BramaHandle.</summary>
internal static class ByHand
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Call(Connection connection)
    {
        if (!connection.TryAcquire(out var permit))
        {
            return -1;
        }

        var result = Work.One();
        permit.Complete(Outcome.Success);
        return result;
    }
}
