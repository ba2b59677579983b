using Brama.Core.Tests.Support;

namespace Brama.Core.Tests.Connections;

/// <summary>Every registry operation rejects a bad identifier, scope, options or expiry, names it, and changes nothing.</summary>
public class ArgumentValidationTests
{
    private static readonly Dictionary<string, Action<ConnectionRegistry, string, string?>> Operations = new()
    {
        ["Register"] = static (r, id, scope) => r.Register(id, scope),
        ["TryRegister"] = static (r, id, scope) => r.TryRegister(id, scope, null, out _),
        ["GetOrRegister"] = static (r, id, scope) => r.GetOrRegister(id, scope),
        ["TryGet"] = static (r, id, scope) => r.TryGet(id, scope, out _),
        ["Unregister"] = static (r, id, scope) => r.Unregister(id, scope),
        ["IsAvailable"] = static (r, id, scope) => r.IsAvailable(id, scope),
        ["TryGetStatus"] = static (r, id, scope) => r.TryGetStatus(id, scope, out _),
        ["ReportSuccess"] = static (r, id, scope) => r.ReportSuccess(id, scope),
        ["ReportFailure"] = static (r, id, scope) => r.ReportFailure(id, scope, "x"),
        ["Open"] = static (r, id, scope) => r.Open(id, scope, "x"),
        ["Close"] = static (r, id, scope) => r.Close(id, scope, "x"),
        ["Reset"] = static (r, id, scope) => r.Reset(id, scope, "x"),
        ["Configure"] = static (r, id, scope) => r.Configure(id, scope, ConnectionOptions.Default),
    };

    private static readonly string TooLong = new('a', ConnectionRegistry.MaxNameLength + 1);

    public static TheoryData<string> OperationNames => [.. Operations.Keys];

    public static TheoryData<string, string> BadNames
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var operation in Operations.Keys)
            {
                foreach (var bad in new[] { string.Empty, " ", "\t\n", TooLong })
                {
                    data.Add(operation, bad);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void A_null_identifier_throws_argument_null_and_changes_nothing(string operation)
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentNullException>(() => Operations[operation](engine.Registry, null!, null));

        Assert.Equal("identifier", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_bad_identifier_throws_argument_and_changes_nothing(string operation, string identifier)
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentException>(() => Operations[operation](engine.Registry, identifier, null));

        Assert.Equal("identifier", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_bad_scope_throws_argument_and_changes_nothing(string operation, string scope)
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentException>(() => Operations[operation](engine.Registry, "existing", scope));

        Assert.Equal("scope", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Fact]
    public void Names_of_exactly_the_maximum_length_are_accepted()
    {
        using var engine = new Engine();
        var longest = new string('x', ConnectionRegistry.MaxNameLength);

        var connection = engine.Registry.Register(longest, longest);

        Assert.Equal(longest, connection.Identifier);
        Assert.Equal(longest, connection.Scope);
    }

    [Fact]
    public void Identifiers_with_inner_white_space_and_any_characters_are_accepted()
    {
        using var engine = new Engine();

        Assert.True(engine.Registry.TryRegister(" payment api ", "eu:west/1", null, out _));
        Assert.True(engine.Registry.IsAvailable(" payment api ", "eu:west/1"));
    }

    [Theory]
    [InlineData("Register")]
    [InlineData("TryRegister")]
    [InlineData("GetOrRegister")]
    [InlineData("Configure")]
    public void Options_breaking_a_cross_field_rule_throw_naming_options_and_change_nothing(string operation)
    {
        using var engine = PreparedEngine();
        var invalid = new ConnectionOptions { InitialExpiry = TimeSpan.FromSeconds(10), MaxExpiry = TimeSpan.FromSeconds(1) };
        Action<ConnectionRegistry> act = operation switch
        {
            "Register" => r => r.Register("new", null, invalid),
            "TryRegister" => r => r.TryRegister("new", null, invalid, out _),
            "GetOrRegister" => r => r.GetOrRegister("existing", null, invalid),
            _ => r => r.Configure("existing", null, invalid),
        };

        var exception = Assert.Throws<ArgumentException>(() => act(engine.Registry));

        Assert.Equal("options", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Fact]
    public void Configure_with_null_connection_options_throws_argument_null_and_changes_nothing()
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentNullException>(() => engine.Registry.Configure("existing", null, null!));

        Assert.Equal("options", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Fact]
    public void Configure_with_null_registry_options_throws_argument_null_and_keeps_the_options()
    {
        using var engine = PreparedEngine();
        var before = engine.Registry.Options;

        var exception = Assert.Throws<ArgumentNullException>(() => engine.Registry.Configure(null!));

        Assert.Equal("options", exception.ParamName);
        Assert.Same(before, engine.Registry.Options);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-10_000_000)]
    public void Open_with_a_non_positive_expiry_throws_out_of_range_and_changes_nothing(long ticks)
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => engine.Registry.Open("existing", null, "maintenance", TimeSpan.FromTicks(ticks)));

        Assert.Equal("expiry", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Fact]
    public void Open_with_an_expiry_over_the_maximum_throws_out_of_range_and_changes_nothing()
    {
        using var engine = PreparedEngine();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => engine.Registry.Open("existing", null, null, ConnectionOptions.MaxTime + TimeSpan.FromTicks(1)));

        Assert.Equal("expiry", exception.ParamName);
        AssertUnchanged(engine);
    }

    [Fact]
    public void Open_with_a_bad_expiry_throws_even_for_an_unknown_connection()
    {
        using var engine = new Engine();

        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => engine.Registry.Open("unknown", null, null, TimeSpan.Zero));

        Assert.Equal("expiry", exception.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reasons_are_free_text_and_never_rejected(string? reason)
    {
        using var engine = PreparedEngine();

        Assert.True(engine.Registry.ReportFailure("existing", null, reason));
        Assert.True(engine.Registry.Open("existing", null, reason));
        Assert.True(engine.Registry.Close("existing", null, reason));
        Assert.True(engine.Registry.Reset("existing", null, reason));
    }

    /// <summary>A registry with one connection that has a failure counted, and a cleared recorder.</summary>
    private static Engine PreparedEngine()
    {
        var engine = new Engine(recordSignals: true);
        var connection = engine.Register("existing");
        connection.ReportFailure("first");
        engine.Signals.Clear();
        return engine;
    }

    private static void AssertUnchanged(Engine engine)
    {
        var status = Assert.Single(engine.Registry.Connections);
        Assert.Equal("existing", status.Identifier);
        Assert.Null(status.Scope);
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(1, status.FailureCount);
        Assert.Equal("first", status.LastReason);
        Assert.Equal(Engine.Options(), status.Options);
        Assert.Empty(engine.Signals.All);
    }
}
