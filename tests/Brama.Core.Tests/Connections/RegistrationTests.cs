using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

public class RegistrationTests
{
    [Fact]
    public void Register_creates_a_closed_connection_with_the_given_options()
    {
        using var engine = new Engine();
        var options = Engine.Options();

        var connection = engine.Registry.Register("payment_api", "eu", options);

        Assert.Equal("payment_api", connection.Identifier);
        Assert.Equal("eu", connection.Scope);
        Assert.Same(engine.Registry, connection.Registry);
        Assert.Same(options, connection.Options);
        Assert.True(connection.IsRegistered);
        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.True(connection.IsAvailable);
    }

    [Fact]
    public void Register_without_options_uses_the_registry_defaults()
    {
        var defaults = new ConnectionOptions { MaxAttempts = 9 };
        using var engine = new Engine(new BramaOptions { Defaults = defaults });

        var connection = engine.Registry.Register("api");

        Assert.Same(defaults, connection.Options);
    }

    [Fact]
    public void Register_twice_throws_with_the_key_and_keeps_the_first_connection()
    {
        using var engine = new Engine();
        var first = engine.Registry.Register("api", "eu");

        var exception = Assert.Throws<ConnectionAlreadyRegisteredException>(
            () => engine.Registry.Register("api", "eu", new ConnectionOptions { MaxAttempts = 1 }));

        Assert.Equal("api", exception.Identifier);
        Assert.Equal("eu", exception.Scope);
        Assert.Equal("Connection 'api' in scope 'eu' is already registered.", exception.Message);
        Assert.True(engine.Registry.TryGet("api", "eu", out var found));
        Assert.Same(first, found);
        Assert.Equal(5, found.Options.MaxAttempts);
    }

    [Fact]
    public void TryRegister_returns_false_and_the_existing_handle_when_registered()
    {
        using var engine = new Engine();

        Assert.True(engine.Registry.TryRegister("api", null, null, out var created));
        Assert.False(engine.Registry.TryRegister("api", null, Engine.Options(), out var existing));

        Assert.Same(created, existing);
        Assert.Same(ConnectionOptions.Default, existing.Options);
    }

    [Fact]
    public void GetOrRegister_registers_once_and_then_returns_the_same_handle_without_changing_options()
    {
        using var engine = new Engine(recordSignals: true);
        var options = Engine.Options();

        var first = engine.Registry.GetOrRegister("api", null, options);
        var second = engine.Registry.GetOrRegister("api", null, new ConnectionOptions { MaxAttempts = 1 });

        Assert.Same(first, second);
        Assert.Same(options, second.Options);
        Assert.Equal([EngineSignal.Registered], engine.Signals.Kinds);
    }

    [Fact]
    public void TryGet_finds_registered_connections_only()
    {
        using var engine = new Engine();
        var connection = engine.Registry.Register("api");

        Assert.True(engine.Registry.TryGet("api", out var unscoped));
        Assert.Same(connection, unscoped);
        Assert.False(engine.Registry.TryGet("other", out var missing));
        Assert.Null(missing);
    }

    [Fact]
    public void Unregister_removes_the_connection_and_detaches_its_handle()
    {
        using var engine = new Engine();
        var connection = engine.Registry.Register("api");

        Assert.True(engine.Registry.Unregister("api"));

        Assert.False(connection.IsRegistered);
        Assert.False(engine.Registry.TryGet("api", out _));
        Assert.Empty(engine.Registry.Connections);
        Assert.False(engine.Registry.Unregister("api"));
    }

    [Fact]
    public void Registering_again_after_unregister_creates_a_new_connection()
    {
        using var engine = new Engine();
        var old = engine.Registry.Register("api");
        engine.Registry.Unregister("api");

        var renewed = engine.Registry.GetOrRegister("api");

        Assert.NotSame(old, renewed);
        Assert.True(renewed.IsRegistered);
        Assert.False(old.IsRegistered);
    }

    [Fact]
    public void Unknown_connections_answer_false_and_never_throw()
    {
        using var engine = new Engine(recordSignals: true);

        Assert.False(engine.Registry.IsAvailable("ghost"));
        Assert.False(engine.Registry.TryGetStatus("ghost", null, out var status));
        Assert.Null(status);
        Assert.False(engine.Registry.ReportSuccess("ghost"));
        Assert.False(engine.Registry.ReportFailure("ghost", null, "x"));
        Assert.False(engine.Registry.Open("ghost", null, "x", TimeSpan.FromSeconds(1)));
        Assert.False(engine.Registry.Close("ghost"));
        Assert.False(engine.Registry.Reset("ghost"));
        Assert.False(engine.Registry.Configure("ghost", null, ConnectionOptions.Default));
        Assert.False(engine.Registry.Unregister("ghost"));
        Assert.Empty(engine.Registry.Connections);
        Assert.Empty(engine.Signals.All);
    }

    [Fact]
    public void Connections_lists_every_status_ordered_by_identifier_then_scope()
    {
        using var engine = new Engine();
        engine.Registry.Register("b");
        engine.Registry.Register("a", "z");
        engine.Registry.Register("a");
        engine.Registry.Register("a", "m");

        var keys = engine.Registry.Connections.Select(static s => (s.Identifier, s.Scope)).ToArray();

        Assert.Equal([("a", null), ("a", "m"), ("a", "z"), ("b", null)], keys);
    }

    [Fact]
    public void Concurrent_GetOrRegister_creates_exactly_one_connection_and_one_registration_signal()
    {
        using var engine = new Engine(recordSignals: true);
        const int threads = 8;
        var results = new Connection[threads];
        using var barrier = new Barrier(threads);

        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            results[i] = engine.Registry.GetOrRegister("contended");
        })).ToList();
        workers.ForEach(static t => t.Start());
        workers.ForEach(static t => t.Join());

        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Equal([EngineSignal.Registered], engine.Signals.Kinds);
    }

    [Fact]
    public void The_default_registry_is_one_lazily_created_instance_on_the_system_clock()
    {
        var first = ConnectionRegistry.Default;

        Assert.Same(first, ConnectionRegistry.Default);
        Assert.Same(TimeProvider.System, first.TimeProvider);
        Assert.Equal(BramaOptions.Default, first.Options);
    }

    [Fact]
    public void A_registry_without_arguments_uses_the_default_options_and_system_clock()
    {
        using var registry = new ConnectionRegistry();

        Assert.Same(BramaOptions.Default, registry.Options);
        Assert.Same(TimeProvider.System, registry.TimeProvider);
    }
}
