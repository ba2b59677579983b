using Microsoft.Extensions.Time.Testing;

namespace Brama.Testing;

/// <summary>
/// A registry on a <see cref="FakeTimeProvider"/> with an <see cref="EventRecorder"/> attached: the usual set-up of a
/// test of code protected by Brama. Give <see cref="Registry"/> to the code under test (a constructor parameter, or the
/// registry member its decorated methods use) and move time with <see cref="Advance"/>.
/// </summary>
public sealed class BramaTestHarness : IDisposable
{
    /// <summary>Creates the harness.</summary>
    /// <param name="options">Registry options; <see cref="BramaOptions.Default"/> when null.</param>
    /// <param name="startTime">The fake clock's start; <see cref="FakeTimeProvider"/>'s default when null.</param>
    public BramaTestHarness(BramaOptions? options = null, DateTimeOffset? startTime = null)
    {
        Time = startTime is { } start ? new FakeTimeProvider(start) : new FakeTimeProvider();
        Registry = new ConnectionRegistry(options, Time);
        Events = new EventRecorder(Registry);
    }

    /// <summary>The fake clock every time in <see cref="Registry"/> comes from.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The registry under test.</summary>
    public ConnectionRegistry Registry { get; }

    /// <summary>Every event of <see cref="Registry"/>, recorded from the harness's creation.</summary>
    public EventRecorder Events { get; }

    /// <summary>Registers a connection in <see cref="Registry"/>.</summary>
    public Connection Register(string identifier, string? scope = null, ConnectionOptions? options = null) =>
        Registry.Register(identifier, scope, options);

    /// <summary>Moves the fake clock forward; timers due by then (the cleanup sweep among them) fire.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Time.Advance(delta);
    }

    /// <summary>Stops recording and disposes the registry.</summary>
    public void Dispose()
    {
        Events.Dispose();
        Registry.Dispose();
    }
}
