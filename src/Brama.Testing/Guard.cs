using Microsoft.Extensions.Time.Testing;

namespace Brama.Testing;

internal static class Guard
{
    public static Connection RequireConnection(ConnectionRegistry registry, string identifier, string? scope)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // TryGet validates the names and throws ArgumentException naming identifier or scope.
        if (registry.TryGet(identifier, scope, out var connection))
        {
            return connection;
        }

        throw new ArgumentException(
            $"No connection {ConnectionRegistry.Describe(identifier, scope)} is registered in this registry. Register it first, or call the decorated method once so that it registers itself.",
            nameof(identifier));
    }

    public static FakeTimeProvider RequireFakeTime(ConnectionRegistry registry, string operation) =>
        registry.TimeProvider as FakeTimeProvider ?? throw new InvalidOperationException(
            $"{operation} moves time forward, so the registry must run on a FakeTimeProvider " +
            $"(new ConnectionRegistry(options, new FakeTimeProvider()) or BramaTestHarness); it uses {registry.TimeProvider.GetType().Name}.");

    public static string Describe(ConnectionStatus status) =>
        $"{status.State} (failures {status.FailureCount} of {status.Options.MaxAttempts}, consecutive openings {status.ConsecutiveOpenings})";
}
