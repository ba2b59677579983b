using Brama.Core.Tests.Support;
using Brama.Core.Tests.Telemetry;

namespace Brama.Core.Tests.TripRules;

/// <summary>
/// How calls of rate-rule connections complete: what each outcome publishes, when a success is stamped, activity of
/// timed reports, and the exact accounts a rate trip gives.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class RatedCompletionTests : IDisposable
{
    private readonly Engine _engine = new(recordSignals: true, withTelemetry: true);

    public void Dispose() => _engine.Dispose();

    public static TheoryData<string> Rules => ["failure rate", "slow calls"];

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_outcome_publishes_its_signal_and_an_ignored_call_counts_nowhere(string rule)
    {
        var connection = _engine.Register("rated", Options(rule));
        _engine.Signals.Clear();

        Engine.Acquire(connection).Complete(Outcome.Success);
        Engine.Acquire(connection).Complete(Outcome.Success);
        Engine.Acquire(connection).Complete(Outcome.Ignore);

        Assert.Equal([EngineSignal.Succeeded, EngineSignal.Succeeded, EngineSignal.Ignored], _engine.Signals.Kinds);
        Assert.Equal((2, 0, 0), RateCalls.Window(connection));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_success_is_stamped_once_per_cleanup_interval_as_on_a_plain_connection(string rule)
    {
        var connection = _engine.Register("rated", Options(rule));

        Engine.Acquire(connection).Complete(Outcome.Success);
        var first = connection.GetStatus().LastSuccessAt;
        _engine.Time.Advance(TimeSpan.FromSeconds(5));
        Engine.Acquire(connection).Complete(Outcome.Success);
        var second = connection.GetStatus().LastSuccessAt;
        _engine.Registry.RunCleanup();
        _engine.Time.Advance(TimeSpan.FromSeconds(5));
        Engine.Acquire(connection).Complete(Outcome.Success);

        Assert.Equal(Engine.Start, first);
        Assert.Equal(Engine.Start, second); // within the interval: the quiet path writes nothing shared
        Assert.Equal(Engine.Start + TimeSpan.FromSeconds(10), connection.GetStatus().LastSuccessAt);
        Assert.Equal((3, 0, 0), RateCalls.Window(connection));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_success_after_a_failure_resets_the_failure_count_and_the_next_is_quiet(string rule)
    {
        var connection = _engine.Register("rated", Options(rule) with { MaxAttempts = 3 });

        Engine.Acquire(connection).Complete(Outcome.Failure("boom"));
        Engine.Acquire(connection).Complete(Outcome.Failure("boom"));
        Assert.Equal(2, connection.GetStatus().FailureCount);
        Engine.Acquire(connection).Complete(Outcome.Success);
        Engine.Acquire(connection).Complete(Outcome.Failure("boom"));
        Engine.Acquire(connection).Complete(Outcome.Failure("boom"));

        Assert.Equal(CircuitState.Closed, connection.State); // two in a row again, not four
        Assert.Equal(2, connection.GetStatus().FailureCount);
        Assert.Equal((5, 4, 0), RateCalls.Window(connection));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_success_admitted_in_an_earlier_closed_episode_is_not_counted_in_the_window(string rule)
    {
        var connection = _engine.Register("rated", Options(rule));
        Engine.Acquire(connection).Complete(Outcome.Success); // stamps LastSuccessAt: later successes may go quietly
        var late = Engine.Acquire(connection);

        _engine.Registry.Open("rated");
        _engine.Registry.Close("rated");
        late.Complete(Outcome.Success);

        Assert.Equal(CircuitState.Closed, connection.State);
        Assert.Equal((0, 0, 0), RateCalls.Window(connection)); // the window restarted when the circuit closed
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_report_with_a_duration_is_activity(bool success)
    {
        var connection = _engine.Register("reported", Options("slow calls") with { InactivityTimeout = TimeSpan.FromMinutes(1) });
        Engine.Acquire(connection).Complete(Outcome.Success);
        _engine.Registry.RunCleanup();
        _engine.Time.Advance(TimeSpan.FromSeconds(50));

        _ = success ? connection.ReportSuccess(TimeSpan.FromMilliseconds(5)) : connection.ReportFailure(TimeSpan.FromMilliseconds(5), "boom");
        _engine.Registry.RunCleanup();
        _engine.Time.Advance(TimeSpan.FromSeconds(50));
        _engine.Registry.RunCleanup();

        Assert.True(connection.IsRegistered); // idle 50 s of its 60, counted from the report
    }

    [Fact]
    public void A_reported_duration_equal_to_the_slow_call_duration_is_not_slow()
    {
        var connection = _engine.Register("slow", Options("slow calls"));

        connection.ReportSuccess(TimeSpan.FromSeconds(1));
        connection.ReportSuccess(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));

        Assert.Equal((2, 0, 1), RateCalls.Window(connection));
    }

    [Fact]
    public void A_probe_completed_after_its_deadline_has_timed_out()
    {
        var connection = _engine.RegisterHalfOpen("probed", RateCalls.FailureRate(o => o with { MaxAttempts = 3 }));
        var probe = Engine.Acquire(connection);
        _engine.Time.Advance(TimeSpan.FromSeconds(6)); // past the 5 s probe timeout, with nothing touching the connection

        probe.Complete(Outcome.Success);

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal("A probe was not completed within 5 s.", connection.GetStatus().LastReason);
    }

    [Theory]
    [InlineData(0.3, 3, 10_000, null, "failure rate 33.3 % of 3 calls in 10 s ≥ 30 %; last failure: boom")]
    [InlineData(0.5, 2, 500, null, "failure rate 50 % of 2 calls in 500 ms ≥ 50 %; last failure: boom")]
    [InlineData(0.5, 2, 2_500, null, "failure rate 50 % of 2 calls in 2.5 s ≥ 50 %; last failure: boom")]
    [InlineData(0.5, 2, 0, 4, "failure rate 50 % of the last 2 calls ≥ 50 %; last failure: boom")]
    public void A_rate_trip_gives_an_exact_account(double ratio, int throughput, int windowMilliseconds, int? calls, string expected)
    {
        var connection = _engine.Register("accounted", Engine.Options(o => o with
        {
            MaxAttempts = int.MaxValue,
            FailureRatio = ratio,
            MinimumThroughput = throughput,
            SamplingDuration = windowMilliseconds > 0 ? TimeSpan.FromMilliseconds(windowMilliseconds) : TimeSpan.FromSeconds(30),
            SamplingCalls = calls,
        }));

        RateCalls.Succeed(connection, throughput - 1);
        RateCalls.Fail(connection);

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal(expected, connection.GetStatus().LastReason);
    }

    [Theory]
    [InlineData(1_500, "slow-call rate (over 1.5 s) 100 % of 2 calls in 10 s ≥ 100 %")]
    [InlineData(250, "slow-call rate (over 250 ms) 100 % of 2 calls in 10 s ≥ 100 %")]
    public void A_slow_call_trip_names_its_duration(int slowMilliseconds, string expected)
    {
        var connection = _engine.Register("slowest", Engine.Options(o => o with
        {
            MaxAttempts = int.MaxValue,
            SlowCallDuration = TimeSpan.FromMilliseconds(slowMilliseconds),
            MinimumThroughput = 2,
            SamplingDuration = TimeSpan.FromSeconds(10),
        }));

        connection.ReportSuccess(TimeSpan.FromSeconds(3));
        connection.ReportSuccess(TimeSpan.FromSeconds(3));

        Assert.Equal(CircuitState.Open, connection.State);
        Assert.Equal(expected, connection.GetStatus().LastReason);
    }

    private static ConnectionOptions Options(string rule) => rule == "failure rate"
        ? RateCalls.FailureRate()
        : Engine.Options(o => o with { MaxAttempts = int.MaxValue, SlowCallDuration = TimeSpan.FromSeconds(1), MinimumThroughput = 100 });
}
