using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.TripRules;

/// <summary>Calls made through a rate-rule connection on the fixture's fake clock.</summary>
internal static class RateCalls
{
    /// <summary>Failure rate 50 % over 10 s (1 s buckets), at least 10 calls; the consecutive rule out of the way.</summary>
    public static ConnectionOptions FailureRate(Func<ConnectionOptions, ConnectionOptions>? change = null)
    {
        var options = Engine.Options(o => o with
        {
            MaxAttempts = int.MaxValue,
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(10),
        });
        return change is null ? options : change(options);
    }

    public static void Succeed(Connection connection, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Engine.Acquire(connection).Complete(Outcome.Success);
        }
    }

    public static void Fail(Connection connection, int times = 1, string reason = "boom")
    {
        for (var i = 0; i < times; i++)
        {
            Engine.Acquire(connection).Complete(Outcome.Failure(reason));
        }
    }

    /// <summary>One call that takes <paramref name="duration"/> on the fake clock.</summary>
    public static void Take(Engine engine, Connection connection, TimeSpan duration, Outcome outcome)
    {
        var permit = Engine.Acquire(connection);
        engine.Time.Advance(duration);
        permit.Complete(outcome);
    }

    public static (int Calls, int Failures, int Slow) Window(Connection connection)
    {
        var status = connection.GetStatus();
        return (status.SampledCalls, status.SampledFailures, status.SampledSlowCalls);
    }
}
