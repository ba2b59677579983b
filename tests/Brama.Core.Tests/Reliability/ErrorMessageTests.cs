using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Reliability;

/// <summary>
/// The text of the argument exceptions (the part before " (Parameter ...)"): it is what a developer reads first, so
/// each message is part of the contract. Also the limits themselves: the largest accepted value passes, one more fails.
/// </summary>
public sealed class ErrorMessageTests : IDisposable
{
    private const string TimeRange = "Must be greater than zero and at most 365 days.";
    private static readonly string TooLong = new('x', ConnectionRegistry.MaxNameLength + 1);
    private static readonly string Longest = new('x', ConnectionRegistry.MaxNameLength);
    private static readonly Action<BramaEvent> Ignore = static _ => { };
    private static readonly Action<IReadOnlyList<BramaEvent>> IgnoreBatch = static _ => { };

    private readonly Engine _engine = new();

    public void Dispose() => _engine.Dispose();

    public static TheoryData<string, string, string> Messages() => new()
    {
        { "Register(white space)", "identifier", "Must not be empty or consist only of white-space characters." },
        { "Register(too long)", "identifier", $"Must be at most 256 characters long (was {TooLong.Length})." },
        { "Register(too long scope)", "scope", $"Must be at most 256 characters long (was {TooLong.Length})." },
        { "Open(zero expiry)", "expiry", TimeRange },
        { "Open(expiry over the maximum)", "expiry", TimeRange },
        { "SubscribeBatched(delay over the maximum)", "maxDelay", TimeRange },
        { "Subscribe(undefined event type)", "filter", "EventFilter.Events contains the undefined event type 99." },
        { "Subscribe(scope with unscoped only)", "filter", "EventFilter.UnscopedOnly cannot be combined with a Scope." },
        { "Subscribe(empty connection)", "filter", "EventFilter.Connection must be null (any) or a non-empty, non-whitespace string of at most 256 characters." },
        { "Subscribe(too long scope)", "filter", "EventFilter.Scope must be null (any) or a non-empty, non-whitespace string of at most 256 characters." },
        { "BramaOptions(CleanupInterval 0)", "CleanupInterval", "Must be greater than zero and at most BramaOptions.MaxCleanupInterval (about 49.7 days)." },
        { "BramaOptions(EventQueueCapacity 0)", "EventQueueCapacity", "Must be at least 1." },
        { "ConnectionOptions(ExpiryStrategy 7)", "ExpiryStrategy", "Expected Fixed or Progressive." },
        { "ConnectionOptions(BackoffFactor 0.5)", "BackoffFactor", "Must be a finite number of at least 1." },
        { "ConnectionOptions(null metadata value)", "Metadata", "Metadata keys and values must not be null." },
        { "ConnectionOptions(MaxAttempts 0)", "MaxAttempts", "Must be at least 1." },
        { "ConnectionOptions(zero Expiry)", "Expiry", TimeRange },
        { "ConnectionOptions(ProbeTimeout over the maximum)", "ProbeTimeout", TimeRange },
        { "ConnectionDeclaration(ExpiryMilliseconds over the maximum)", "ExpiryMilliseconds", "Must be at most 31536000000 ms (365 days)." },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void The_message_says_what_is_wrong(string call, string parameter, string message)
    {
        var exception = Assert.IsAssignableFrom<ArgumentException>(Record.Exception(() => Calls[call](_engine.Registry)));

        Assert.Equal(parameter, exception.ParamName);
        Assert.StartsWith(message + " (Parameter '" + parameter + "')", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_names_the_connection()
    {
        _engine.Register("api");
        _engine.Register("api", scope: "eu");

        var unscoped = Assert.Throws<ConnectionAlreadyRegisteredException>(() => _engine.Register("api"));
        var scoped = Assert.Throws<ConnectionAlreadyRegisteredException>(() => _engine.Register("api", scope: "eu"));

        Assert.Equal("Connection 'api' is already registered.", unscoped.Message);
        Assert.Equal(("api", (string?)null), (unscoped.Identifier, unscoped.Scope));
        Assert.Equal("Connection 'api' in scope 'eu' is already registered.", scoped.Message);
        Assert.Equal(("api", (string?)"eu"), (scoped.Identifier, scoped.Scope));
    }

    [Fact]
    public void Names_of_exactly_the_maximum_length_are_accepted()
    {
        var connection = _engine.Register(Longest, scope: Longest);

        Assert.Equal(Longest, connection.Identifier);
        using var subscription = _engine.Registry.Events.Subscribe(Ignore, new EventFilter { Connection = Longest, Scope = Longest });
        Assert.True(subscription.IsActive);
    }

    [Fact]
    public void Times_of_exactly_365_days_are_accepted_and_one_tick_more_is_not()
    {
        var max = ConnectionOptions.MaxTime;
        var connection = _engine.Register();

        Assert.True(_engine.Registry.Open("api", expiry: max));
        Assert.Equal(max, connection.GetStatus().RetryAfter);
        Assert.Equal(max, new ConnectionOptions { Expiry = max }.Expiry);
        Assert.Equal(max, new ConnectionOptions { ProbeTimeout = max }.ProbeTimeout);
        using var batched = _engine.Registry.Events.SubscribeBatched(IgnoreBatch, 10, max);
        Assert.True(batched.IsActive);
        var declared = new ConnectionDeclaration("api", null) { ExpiryMilliseconds = (long)max.TotalMilliseconds };
        Assert.Equal(max, declared.ToOptions(ConnectionOptions.Default)!.Expiry);

        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionOptions { Expiry = max + TimeSpan.FromTicks(1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => _engine.Registry.Events.SubscribeBatched(IgnoreBatch, 10, max + TimeSpan.FromTicks(1)));
        var over = new ConnectionDeclaration("api", null) { ExpiryMilliseconds = (long)max.TotalMilliseconds + 1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => over.ToOptions(ConnectionOptions.Default));
    }

    [Fact]
    public void The_cleanup_interval_accepts_the_longest_timer_period_and_not_one_millisecond_more()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(4_294_967_294), BramaOptions.MaxCleanupInterval);
        Assert.Equal(BramaOptions.MaxCleanupInterval, new BramaOptions { CleanupInterval = BramaOptions.MaxCleanupInterval }.CleanupInterval);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new BramaOptions { CleanupInterval = BramaOptions.MaxCleanupInterval + TimeSpan.FromMilliseconds(1) });
    }

    [Fact]
    public void A_declaration_needs_the_defaults_even_when_it_sets_no_option()
    {
        var declaration = new ConnectionDeclaration("api", null);

        Assert.Equal("defaults", Assert.Throws<ArgumentNullException>(() => declaration.ToOptions(null!)).ParamName);
    }

    [Fact]
    public void A_declaration_describes_itself_with_its_scope()
    {
        Assert.Equal("'api'", new ConnectionDeclaration("api", null).ToString());
        Assert.Equal("'api' in scope 'eu'", new ConnectionDeclaration("api", "eu").ToString());
    }

    private static readonly Dictionary<string, Action<ConnectionRegistry>> Calls = new()
    {
        ["Register(white space)"] = r => r.Register("  "),
        ["Register(too long)"] = r => r.Register(TooLong),
        ["Register(too long scope)"] = r => r.Register("ok", TooLong),
        ["Open(zero expiry)"] = r => r.Open("live", expiry: TimeSpan.Zero),
        ["Open(expiry over the maximum)"] = r => r.Open("live", expiry: ConnectionOptions.MaxTime + TimeSpan.FromTicks(1)),
        ["SubscribeBatched(delay over the maximum)"] = r => r.Events.SubscribeBatched(IgnoreBatch, 10, TimeSpan.FromDays(366)),
        ["Subscribe(undefined event type)"] = r => r.Events.Subscribe(Ignore, EventFilter.ForEvents((EventType)99)),
        ["Subscribe(scope with unscoped only)"] = r => r.Events.Subscribe(Ignore, new EventFilter { Scope = "eu", UnscopedOnly = true }),
        ["Subscribe(empty connection)"] = r => r.Events.Subscribe(Ignore, new EventFilter { Connection = "" }),
        ["Subscribe(too long scope)"] = r => r.Events.Subscribe(Ignore, new EventFilter { Scope = TooLong }),
        ["BramaOptions(CleanupInterval 0)"] = _ => GC.KeepAlive(new BramaOptions { CleanupInterval = TimeSpan.Zero }),
        ["BramaOptions(EventQueueCapacity 0)"] = _ => GC.KeepAlive(new BramaOptions { EventQueueCapacity = 0 }),
        ["ConnectionOptions(ExpiryStrategy 7)"] = _ => GC.KeepAlive(new ConnectionOptions { ExpiryStrategy = (ExpiryStrategy)7 }),
        ["ConnectionOptions(BackoffFactor 0.5)"] = _ => GC.KeepAlive(new ConnectionOptions { BackoffFactor = 0.5 }),
        ["ConnectionOptions(null metadata value)"] = _ => GC.KeepAlive(new ConnectionOptions { Metadata = new Dictionary<string, string> { ["team"] = null! } }),
        ["ConnectionOptions(MaxAttempts 0)"] = _ => GC.KeepAlive(new ConnectionOptions { MaxAttempts = 0 }),
        ["ConnectionOptions(zero Expiry)"] = _ => GC.KeepAlive(new ConnectionOptions { Expiry = TimeSpan.Zero }),
        ["ConnectionOptions(ProbeTimeout over the maximum)"] = _ => GC.KeepAlive(new ConnectionOptions { ProbeTimeout = TimeSpan.FromDays(366) }),
        ["ConnectionDeclaration(ExpiryMilliseconds over the maximum)"] =
            _ => new ConnectionDeclaration("api", null) { ExpiryMilliseconds = 31_536_000_001 }.ToOptions(ConnectionOptions.Default),
    };
}
