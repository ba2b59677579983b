using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>Configure(id, scope, options) replaces the options and keeps the circuit: state, counts, openings, probes.</summary>
public class ConfigureInPlaceTests
{
    [Fact]
    public void The_failure_count_is_kept_and_a_lower_MaxAttempts_applies_from_the_next_failure()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Engine.Options(static o => o with { MaxAttempts = 5 }));
        connection.ReportFailure();
        connection.ReportFailure();
        connection.ReportFailure();

        Assert.True(engine.Registry.Configure("api", null, Engine.Options(static o => o with { MaxAttempts = 2 })));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(3, status.FailureCount);
        Assert.Equal(2, status.Options.MaxAttempts);
        connection.ReportFailure();
        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void An_open_circuit_keeps_its_current_period_and_the_new_expiry_applies_to_the_next_opening()
    {
        using var engine = new Engine();
        var connection = engine.RegisterOpen();
        var before = connection.GetStatus();

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { Expiry = TimeSpan.FromSeconds(60) }));

        var after = connection.GetStatus();
        Assert.Equal(CircuitState.Open, after.State);
        Assert.Equal(before.ExpiresAt, after.ExpiresAt);
        Assert.Equal(before.ConsecutiveOpenings, after.ConsecutiveOpenings);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        Engine.Acquire(connection).Complete(Outcome.Failure());
        Assert.Equal(TimeSpan.FromSeconds(60), connection.GetStatus().RetryAfter);
    }

    [Fact]
    public void Probes_in_flight_are_kept_and_a_lower_probe_limit_applies_to_the_next_admission()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 3, SuccessesToClose = 5 }));
        var first = Engine.Acquire(connection);
        var second = Engine.Acquire(connection);

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { HalfOpenMaxCalls = 1, SuccessesToClose = 5 }));

        Assert.Equal(2, connection.GetStatus().ProbesInFlight);
        Assert.False(connection.TryAcquire(out _));
        first.Complete(Outcome.Success);
        Assert.False(connection.TryAcquire(out _));
        second.Complete(Outcome.Success);
        Assert.True(connection.TryAcquire(out var third));
        Assert.True(third.IsProbe);
    }

    [Fact]
    public void A_higher_probe_limit_admits_more_probes_at_once()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { HalfOpenMaxCalls = 80 }));

        for (var i = 1; i < 80; i++)
        {
            Assert.True(connection.TryAcquire(out _));
        }

        Assert.False(connection.TryAcquire(out _));
        Assert.Equal(80, connection.GetStatus().ProbesInFlight);
    }

    [Fact]
    public void A_probe_in_flight_keeps_the_deadline_it_was_granted_with()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen();
        Engine.Acquire(connection);

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { ProbeTimeout = TimeSpan.FromSeconds(60) }));
        engine.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Probes_granted_after_the_change_get_the_new_timeout()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 2 }));
        var old = Engine.Acquire(connection);

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { HalfOpenMaxCalls = 2, ProbeTimeout = TimeSpan.FromSeconds(60) }));
        var fresh = Engine.Acquire(connection);
        old.Complete(Outcome.Ignore);
        engine.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(CircuitState.HalfOpen, connection.State);
        engine.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(CircuitState.Open, connection.State);
        fresh.Complete(Outcome.Success);
    }

    [Fact]
    public void A_lower_SuccessesToClose_applies_at_the_next_successful_probe()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { SuccessesToClose = 5 }));
        Engine.Acquire(connection).Complete(Outcome.Success);
        Engine.Acquire(connection).Complete(Outcome.Success);

        engine.Registry.Configure("api", null, Engine.Options(static o => o with { SuccessesToClose = 2 }));
        Assert.Equal(CircuitState.HalfOpen, connection.State);

        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void The_handle_and_status_show_the_new_options_and_metadata()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        var options = Engine.Options(static o => o with { Metadata = new Dictionary<string, string> { ["owner"] = "payments" } });

        engine.Registry.Configure("api", null, options);

        Assert.Same(options, connection.Options);
        Assert.Equal("payments", connection.GetStatus().Metadata["owner"]);
    }

    [Fact]
    public void Registry_wide_configuration_applies_to_new_registrations_only()
    {
        using var engine = new Engine();
        var existing = engine.Registry.Register("old");
        var defaults = new ConnectionOptions { MaxAttempts = 2 };

        engine.Registry.Configure(new BramaOptions { Defaults = defaults });

        Assert.Same(ConnectionOptions.Default, existing.Options);
        Assert.Same(defaults, engine.Registry.Register("new").Options);
        Assert.Same(defaults, engine.Registry.Options.Defaults);
    }
}
