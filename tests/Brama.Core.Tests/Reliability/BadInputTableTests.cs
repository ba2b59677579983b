using Brama.Core.Tests.Events;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Core.Tests.Reliability;

/// <summary>
/// Every public entry point of Brama.Core given a bad value: null, empty, white space, too long, out of range, NaN.
/// Each throws the documented argument exception naming the parameter, and afterwards the registry, its connections
/// and its existing subscriptions work as before.
/// </summary>
public sealed class BadInputTableTests
{
    private static readonly string TooLong = new('x', ConnectionRegistry.MaxNameLength + 1);
    private static readonly Action<BramaEvent> Ignore = static _ => { };
    private static readonly Action<IReadOnlyList<BramaEvent>> IgnoreBatch = static _ => { };

    private static readonly Dictionary<string, (Type Exception, string Parameter, Action<ConnectionRegistry> Call)> Cases = new()
    {
        ["Register(null)"] = (typeof(ArgumentNullException), "identifier", r => r.Register(null!)),
        ["Register(white space)"] = (typeof(ArgumentException), "identifier", r => r.Register("  ")),
        ["Register(too long)"] = (typeof(ArgumentException), "identifier", r => r.Register(TooLong)),
        ["Register(empty scope)"] = (typeof(ArgumentException), "scope", r => r.Register("ok", "")),
        ["TryRegister(too long scope)"] = (typeof(ArgumentException), "scope", r => r.TryRegister("ok", TooLong, null, out _)),
        ["GetOrRegister(empty)"] = (typeof(ArgumentException), "identifier", r => r.GetOrRegister("")),
        ["TryGet(null)"] = (typeof(ArgumentNullException), "identifier", r => r.TryGet(null!, out _)),
        ["Unregister(white space)"] = (typeof(ArgumentException), "identifier", r => r.Unregister("\t")),
        ["IsAvailable(null)"] = (typeof(ArgumentNullException), "identifier", r => r.IsAvailable(null!)),
        ["TryGetStatus(too long)"] = (typeof(ArgumentException), "identifier", r => r.TryGetStatus(TooLong, null, out _)),
        ["ReportSuccess(empty)"] = (typeof(ArgumentException), "identifier", r => r.ReportSuccess("")),
        ["ReportFailure(null)"] = (typeof(ArgumentNullException), "identifier", r => r.ReportFailure(null!)),
        ["Open(zero expiry)"] = (typeof(ArgumentOutOfRangeException), "expiry", r => r.Open("live", expiry: TimeSpan.Zero)),
        ["Open(negative expiry)"] = (typeof(ArgumentOutOfRangeException), "expiry", r => r.Open("live", expiry: TimeSpan.FromSeconds(-1))),
        ["Open(expiry over the maximum)"] = (typeof(ArgumentOutOfRangeException), "expiry", r => r.Open("live", expiry: ConnectionOptions.MaxTime + TimeSpan.FromTicks(1))),
        ["Close(white space scope)"] = (typeof(ArgumentException), "scope", r => r.Close("live", " ")),
        ["Reset(null)"] = (typeof(ArgumentNullException), "identifier", r => r.Reset(null!)),
        ["Configure(id, null options)"] = (typeof(ArgumentNullException), "options", r => r.Configure("live", null, null!)),
        ["Configure(null registry options)"] = (typeof(ArgumentNullException), "options", r => r.Configure((BramaOptions)null!)),
        ["Register(MaxExpiry < InitialExpiry)"] = (typeof(ArgumentException), "options", r => r.Register(
            "ok", null, new ConnectionOptions { ExpiryStrategy = ExpiryStrategy.Progressive, InitialExpiry = TimeSpan.FromMinutes(2), MaxExpiry = TimeSpan.FromMinutes(1) })),
        ["Subscribe(null action)"] = (typeof(ArgumentNullException), "handler", r => r.Events.Subscribe((Action<BramaEvent>)null!)),
        ["Subscribe(null handler)"] = (typeof(ArgumentNullException), "handler", r => r.Events.Subscribe((IBramaEventHandler)null!)),
        ["Subscribe(empty event list)"] = (typeof(ArgumentException), "filter", r => r.Events.Subscribe(Ignore, new EventFilter { Events = [] })),
        ["Subscribe(undefined event type)"] = (typeof(ArgumentException), "filter", r => r.Events.Subscribe(Ignore, EventFilter.ForEvents((EventType)99))),
        ["Subscribe(empty connection)"] = (typeof(ArgumentException), "filter", r => r.Events.Subscribe(Ignore, new EventFilter { Connection = "" })),
        ["Subscribe(too long scope)"] = (typeof(ArgumentException), "filter", r => r.Events.Subscribe(Ignore, new EventFilter { Scope = TooLong })),
        ["Subscribe(scope with unscoped only)"] = (typeof(ArgumentException), "filter", r => r.Events.Subscribe(Ignore, new EventFilter { Scope = "eu", UnscopedOnly = true })),
        ["SubscribeBatched(null action)"] = (typeof(ArgumentNullException), "handler", r => r.Events.SubscribeBatched((Action<IReadOnlyList<BramaEvent>>)null!, 10, TimeSpan.FromSeconds(1))),
        ["SubscribeBatched(max batch 0)"] = (typeof(ArgumentOutOfRangeException), "maxBatch", r => r.Events.SubscribeBatched(IgnoreBatch, 0, TimeSpan.FromSeconds(1))),
        ["SubscribeBatched(zero delay)"] = (typeof(ArgumentOutOfRangeException), "maxDelay", r => r.Events.SubscribeBatched(IgnoreBatch, 10, TimeSpan.Zero)),
        ["SubscribeBatched(delay over the maximum)"] = (typeof(ArgumentOutOfRangeException), "maxDelay", r => r.Events.SubscribeBatched(IgnoreBatch, 10, TimeSpan.FromDays(366))),
        ["Stream(white space connection)"] = (typeof(ArgumentException), "filter", r => r.Events.Stream(new EventFilter { Connection = " " })),
        ["Unsubscribe(null subscription)"] = (typeof(ArgumentNullException), "subscription", r => r.Events.Unsubscribe((Subscription)null!)),
        ["Unsubscribe(null action)"] = (typeof(ArgumentNullException), "handler", r => r.Events.Unsubscribe((Action<BramaEvent>)null!)),
        ["Unsubscribe(action, bad filter)"] = (typeof(ArgumentException), "filter", r => r.Events.Unsubscribe(Ignore, new EventFilter { Events = [] })),
        ["ConnectionOptions(MaxAttempts 0)"] = (typeof(ArgumentOutOfRangeException), "MaxAttempts", _ => GC.KeepAlive(new ConnectionOptions { MaxAttempts = 0 })),
        ["ConnectionOptions(BackoffFactor NaN)"] = (typeof(ArgumentOutOfRangeException), "BackoffFactor", _ => GC.KeepAlive(new ConnectionOptions { BackoffFactor = double.NaN })),
        ["ConnectionOptions(BackoffFactor 0.5)"] = (typeof(ArgumentOutOfRangeException), "BackoffFactor", _ => GC.KeepAlive(new ConnectionOptions { BackoffFactor = 0.5 })),
        ["ConnectionOptions(negative Expiry)"] = (typeof(ArgumentOutOfRangeException), "Expiry", _ => GC.KeepAlive(new ConnectionOptions { Expiry = TimeSpan.FromSeconds(-5) })),
        ["ConnectionOptions(HalfOpenMaxCalls 0)"] = (typeof(ArgumentOutOfRangeException), "HalfOpenMaxCalls", _ => GC.KeepAlive(new ConnectionOptions { HalfOpenMaxCalls = 0 })),
        ["ConnectionOptions(FailureRatio 0)"] = (typeof(ArgumentOutOfRangeException), "FailureRatio", _ => GC.KeepAlive(new ConnectionOptions { FailureRatio = 0 })),
        ["ConnectionOptions(FailureRatio 1.01)"] = (typeof(ArgumentOutOfRangeException), "FailureRatio", _ => GC.KeepAlive(new ConnectionOptions { FailureRatio = 1.01 })),
        ["ConnectionOptions(FailureRatio NaN)"] = (typeof(ArgumentOutOfRangeException), "FailureRatio", _ => GC.KeepAlive(new ConnectionOptions { FailureRatio = double.NaN })),
        ["ConnectionOptions(MinimumThroughput 0)"] = (typeof(ArgumentOutOfRangeException), "MinimumThroughput", _ => GC.KeepAlive(new ConnectionOptions { MinimumThroughput = 0 })),
        ["ConnectionOptions(SamplingDuration 99 ms)"] = (typeof(ArgumentOutOfRangeException), "SamplingDuration", _ => GC.KeepAlive(new ConnectionOptions { SamplingDuration = TimeSpan.FromMilliseconds(99) })),
        ["ConnectionOptions(SamplingDuration over the maximum)"] = (typeof(ArgumentOutOfRangeException), "SamplingDuration", _ => GC.KeepAlive(new ConnectionOptions { SamplingDuration = ConnectionOptions.MaxTime + TimeSpan.FromTicks(1) })),
        ["ConnectionOptions(SamplingCalls 0)"] = (typeof(ArgumentOutOfRangeException), "SamplingCalls", _ => GC.KeepAlive(new ConnectionOptions { SamplingCalls = 0 })),
        ["ConnectionOptions(SamplingCalls over the maximum)"] = (typeof(ArgumentOutOfRangeException), "SamplingCalls", _ => GC.KeepAlive(new ConnectionOptions { SamplingCalls = ConnectionOptions.MaxSamplingCalls + 1 })),
        ["ConnectionOptions(zero SlowCallDuration)"] = (typeof(ArgumentOutOfRangeException), "SlowCallDuration", _ => GC.KeepAlive(new ConnectionOptions { SlowCallDuration = TimeSpan.Zero })),
        ["ConnectionOptions(SlowCallRatio 0)"] = (typeof(ArgumentOutOfRangeException), "SlowCallRatio", _ => GC.KeepAlive(new ConnectionOptions { SlowCallRatio = 0 })),
        ["ConnectionOptions(SlowCallRatio infinity)"] = (typeof(ArgumentOutOfRangeException), "SlowCallRatio", _ => GC.KeepAlive(new ConnectionOptions { SlowCallRatio = double.PositiveInfinity })),
        ["Connection.ReportSuccess(negative duration)"] = (typeof(ArgumentOutOfRangeException), "duration", r => r.GetOrRegister("live").ReportSuccess(TimeSpan.FromTicks(-1))),
        ["ConnectionOptions(SuccessesToClose -1)"] = (typeof(ArgumentOutOfRangeException), "SuccessesToClose", _ => GC.KeepAlive(new ConnectionOptions { SuccessesToClose = -1 })),
        ["ConnectionOptions(zero ProbeTimeout)"] = (typeof(ArgumentOutOfRangeException), "ProbeTimeout", _ => GC.KeepAlive(new ConnectionOptions { ProbeTimeout = TimeSpan.Zero })),
        ["ConnectionOptions(null Metadata)"] = (typeof(ArgumentNullException), "Metadata", _ => GC.KeepAlive(new ConnectionOptions { Metadata = null! })),
        ["ConnectionOptions.GetOpenDuration(0)"] = (typeof(ArgumentOutOfRangeException), "opening", _ => ConnectionOptions.Default.GetOpenDuration(0)),
        ["BramaOptions(null Defaults)"] = (typeof(ArgumentNullException), "Defaults", _ => GC.KeepAlive(new BramaOptions { Defaults = null! })),
        ["BramaOptions(CleanupInterval 0)"] = (typeof(ArgumentOutOfRangeException), "CleanupInterval", _ => GC.KeepAlive(new BramaOptions { CleanupInterval = TimeSpan.Zero })),
        ["BramaOptions(EventQueueCapacity 0)"] = (typeof(ArgumentOutOfRangeException), "EventQueueCapacity", _ => GC.KeepAlive(new BramaOptions { EventQueueCapacity = 0 })),
        ["Outcome.Failure(null exception)"] = (typeof(ArgumentNullException), "exception", _ => Outcome.Failure((Exception)null!)),
        ["CircuitOpenException(null status)"] = (typeof(ArgumentNullException), "status", _ => GC.KeepAlive(new CircuitOpenException(null!))),
    };

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_throws_naming_the_parameter_and_the_engine_loses_nothing(string name)
    {
        var (exceptionType, parameter, call) = Cases[name];
        var time = new FakeTimeProvider();
        using var registry = new ConnectionRegistry(timeProvider: time);
        var live = registry.Register("live", null, new ConnectionOptions { MaxAttempts = 2 });
        var other = registry.Register("other", "eu");
        var received = new EventRecorder();
        using var subscription = registry.Events.Subscribe(received.Record, EventFilter.ForEvents(EventType.Failure, EventType.CircuitOpened));
        var optionsBefore = registry.Options;

        var exception = Assert.Throws(exceptionType, () => call(registry));

        Assert.Equal(parameter, ((ArgumentException)exception).ParamName);
        Assert.Equal(optionsBefore, registry.Options);
        Assert.Equal(["live", "other"], registry.Connections.Select(static s => s.Identifier));
        Assert.All(registry.Connections, static s => Assert.Equal(CircuitState.Closed, s.State));
        Assert.All(registry.Connections, static s => Assert.Equal(0, s.FailureCount));

        // The engine and the subscription still work: two failures open "live", "other" is untouched.
        for (var i = 0; i < 2; i++)
        {
            Assert.True(live.TryAcquire(out var permit));
            permit.Complete(Outcome.Failure("down"));
        }

        Assert.Equal(CircuitState.Open, live.State);
        Assert.True(other.TryAcquire(out var otherPermit));
        otherPermit.Complete(Outcome.Success);
        Assert.Equal(CircuitState.Closed, other.State);
        var events = await received.WaitForCountAsync(3);
        Assert.Equal([EventType.Failure, EventType.Failure, EventType.CircuitOpened], events.Select(static e => e.Type));
        Assert.True(subscription.IsActive);
        Assert.Equal(0, subscription.ExceptionCount);
    }
}
