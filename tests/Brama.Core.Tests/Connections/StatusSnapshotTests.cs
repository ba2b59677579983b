using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

public class StatusSnapshotTests
{
    [Fact]
    public void A_fresh_connection_has_an_empty_closed_status()
    {
        using var engine = new Engine();
        var options = Engine.Options(static o => o with { Metadata = new Dictionary<string, string> { ["team"] = "payments" } });
        engine.Registry.Register("api", "eu", options);

        Assert.True(engine.Registry.TryGetStatus("api", "eu", out var status));

        Assert.Equal(new ConnectionStatus
        {
            Identifier = "api",
            Scope = "eu",
            State = CircuitState.Closed,
            Options = options,
        }, status);
        Assert.Equal("payments", status.Metadata["team"]);
    }

    [Fact]
    public void An_open_status_carries_opened_at_expires_at_and_retry_after()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        engine.Time.Advance(TimeSpan.FromSeconds(2));
        Engine.Trip(connection);
        engine.Time.Advance(TimeSpan.FromSeconds(3));

        var status = connection.GetStatus();

        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(Engine.Start.AddSeconds(2), status.OpenedAt);
        Assert.Equal(Engine.Start.AddSeconds(12), status.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(7), status.RetryAfter);
        Assert.Equal(Engine.Start.AddSeconds(2), status.LastFailureAt);
        Assert.Equal("boom", status.LastReason);
    }

    [Fact]
    public void A_half_open_status_counts_probes_and_has_no_retry_after()
    {
        using var engine = new Engine();
        var connection = engine.RegisterHalfOpen(options: Engine.Options(static o => o with { HalfOpenMaxCalls = 3 }));
        Engine.Acquire(connection);
        Engine.Acquire(connection);

        var status = connection.GetStatus();

        Assert.Equal(CircuitState.HalfOpen, status.State);
        Assert.Equal(2, status.ProbesInFlight);
        Assert.Null(status.RetryAfter);
        Assert.Null(status.ExpiresAt);
        Assert.Equal(Engine.Start, status.OpenedAt);
    }

    [Fact]
    public void A_snapshot_does_not_change_afterwards()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        var before = connection.GetStatus();

        Engine.Trip(connection);

        Assert.Equal(CircuitState.Closed, before.State);
        Assert.Equal(0, before.FailureCount);
    }

    [Fact]
    public void Last_success_is_exact_for_the_first_success_of_each_cleanup_interval()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        Engine.Acquire(connection).Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(4));
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(Engine.Start, connection.GetStatus().LastSuccessAt);

        engine.Registry.RunCleanup();
        engine.Time.Advance(TimeSpan.FromSeconds(1));
        Engine.Acquire(connection).Complete(Outcome.Success);
        Assert.Equal(Engine.Start.AddSeconds(5), connection.GetStatus().LastSuccessAt);
    }

    [Fact]
    public void A_success_that_resets_failures_is_stamped_exactly()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        Engine.Acquire(connection).Complete(Outcome.Success);
        engine.Time.Advance(TimeSpan.FromSeconds(4));
        connection.ReportFailure();
        engine.Time.Advance(TimeSpan.FromSeconds(1));

        Engine.Acquire(connection).Complete(Outcome.Success);

        Assert.Equal(Engine.Start.AddSeconds(5), connection.GetStatus().LastSuccessAt);
    }

    [Fact]
    public void A_reason_is_kept_until_a_newer_one_is_given()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        connection.ReportFailure("timeout");
        connection.ReportFailure();
        Assert.Equal("timeout", connection.GetStatus().LastReason);

        engine.Registry.Close("api", null, "operator");
        Assert.Equal("operator", connection.GetStatus().LastReason);
    }

    [Fact]
    public void Handle_to_string_names_the_key_and_state()
    {
        using var engine = new Engine();

        Assert.Equal("Connection 'api' in scope 'eu' (Closed)", engine.Register(scope: "eu").ToString());
        Assert.Equal("Connection 'other' (Open)", engine.RegisterOpen("other").ToString());
    }
}
