namespace Brama.Core.Tests.Support;

/// <summary>
/// Sizes of the heavy tests. Mutation testing runs the suite once per mutant; it sets <c>BRAMA_TEST_SCALE=quick</c>
/// so that the stress and model-based tests keep their shape at a fraction of their size. CI runs them in full.
/// </summary>
internal static class TestScale
{
    public static bool IsQuick { get; } =
        string.Equals(Environment.GetEnvironmentVariable("BRAMA_TEST_SCALE"), "quick", StringComparison.OrdinalIgnoreCase);

    public static int Of(int full, int quick) => IsQuick ? quick : full;
}
