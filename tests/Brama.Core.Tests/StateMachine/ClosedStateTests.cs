using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.StateMachine;

/// <summary>§2.3 rows: Closed + success, Closed + failure below and at MaxAttempts.</summary>
public class ClosedStateTests
{
    [Fact]
    public void A_closed_circuit_admits_calls_with_non_probe_permits()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        Assert.True(connection.TryAcquire(out var permit));

        Assert.True(permit.IsActive);
        Assert.False(permit.IsProbe);
        permit.Complete(Outcome.Success);
        Assert.False(permit.IsActive);
    }

    [Fact]
    public void Success_resets_the_failure_count()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        Engine.Acquire(connection).Complete(Outcome.Failure("a"));
        Engine.Acquire(connection).Complete(Outcome.Failure("b"));
        Assert.Equal(2, connection.GetStatus().FailureCount);

        Engine.Acquire(connection).Complete(Outcome.Success);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.FailureCount);
    }

    [Fact]
    public void Failure_below_the_threshold_counts_and_stays_closed()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        Engine.Acquire(connection).Complete(Outcome.Failure("timeout"));
        Engine.Acquire(connection).Complete(Outcome.Failure("refused"));

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(2, status.FailureCount);
        Assert.Equal("refused", status.LastReason);
        Assert.Equal(Engine.Start, status.LastFailureAt);
        Assert.True(connection.IsAvailable);
    }

    [Fact]
    public void Failure_reaching_the_threshold_opens_with_one_opening_and_the_fixed_expiry()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        engine.Time.Advance(TimeSpan.FromSeconds(1));

        Engine.Trip(connection);

        var status = connection.GetStatus();
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(1, status.ConsecutiveOpenings);
        Assert.Equal(3, status.FailureCount);
        Assert.Equal(Engine.Start.AddSeconds(1), status.OpenedAt);
        Assert.Equal(Engine.Start.AddSeconds(11), status.ExpiresAt);
        Assert.Equal(TimeSpan.FromSeconds(10), status.RetryAfter);
        Assert.False(connection.IsAvailable);
    }

    [Fact]
    public void Max_attempts_of_one_opens_on_the_first_failure()
    {
        using var engine = new Engine();
        var connection = engine.Register(options: Engine.Options(static o => o with { MaxAttempts = 1 }));

        Engine.Acquire(connection).Complete(Outcome.Failure());

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Failures_must_be_consecutive()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        for (var i = 0; i < 10; i++)
        {
            Engine.Acquire(connection).Complete(Outcome.Failure());
            Engine.Acquire(connection).Complete(Outcome.Failure());
            Engine.Acquire(connection).Complete(Outcome.Success);
        }

        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public void Out_of_band_reports_count_like_permits_while_closed()
    {
        using var engine = new Engine();
        var connection = engine.Register();

        Assert.True(connection.ReportFailure("a"));
        Assert.True(engine.Registry.ReportFailure("api", null, "b"));
        Assert.Equal(2, connection.GetStatus().FailureCount);
        Assert.True(connection.ReportSuccess());
        Assert.Equal(0, connection.GetStatus().FailureCount);

        connection.ReportFailure();
        connection.ReportFailure();
        engine.Registry.ReportFailure("api");

        Assert.Equal(CircuitState.Open, connection.State);
    }

    [Fact]
    public void Registry_report_success_resets_the_count()
    {
        using var engine = new Engine();
        var connection = engine.Register();
        connection.ReportFailure();

        Assert.True(engine.Registry.ReportSuccess("api"));

        Assert.Equal(0, connection.GetStatus().FailureCount);
        Assert.Equal(Engine.Start, connection.GetStatus().LastSuccessAt);
    }
}
