using Microsoft.Extensions.Time.Testing;

namespace Brama.IntegrationTests.Support;

/// <summary>A registry of its own on a <see cref="FakeTimeProvider"/>, with the periodic sweep an hour away.</summary>
internal sealed class TestRegistry : IDisposable
{
    public TestRegistry(ConnectionOptions? defaults = null)
    {
        var options = new BramaOptions { CleanupInterval = TimeSpan.FromHours(1) };
        Registry = new ConnectionRegistry(defaults is null ? options : options with { Defaults = defaults }, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public ConnectionRegistry Registry { get; }

    public ConnectionStatus Status(string identifier, string? scope = null) =>
        Registry.TryGetStatus(identifier, scope, out var status)
            ? status
            : throw new InvalidOperationException($"Connection '{identifier}' is not registered.");

    public void Dispose() => Registry.Dispose();
}
