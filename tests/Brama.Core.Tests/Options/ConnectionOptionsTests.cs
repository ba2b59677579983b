namespace Brama.Core.Tests.Options;

public class ConnectionOptionsTests
{
    [Fact]
    public void Defaults_are_those_of_the_contract()
    {
        var options = ConnectionOptions.Default;

        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Expiry);
        Assert.Equal(ExpiryStrategy.Fixed, options.ExpiryStrategy);
        Assert.Equal(TimeSpan.FromSeconds(60), options.InitialExpiry);
        Assert.Equal(TimeSpan.FromSeconds(600), options.MaxExpiry);
        Assert.Equal(2.0, options.BackoffFactor);
        Assert.Equal(1, options.HalfOpenMaxCalls);
        Assert.Equal(1, options.SuccessesToClose);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromHours(24), options.InactivityTimeout);
        Assert.Empty(options.Metadata);
    }

    [Fact]
    public void Initial_and_max_expiry_follow_expiry_until_set()
    {
        var options = new ConnectionOptions { Expiry = TimeSpan.FromSeconds(3) };

        Assert.Equal(TimeSpan.FromSeconds(3), options.InitialExpiry);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxExpiry);

        var set = options with { InitialExpiry = TimeSpan.FromSeconds(2), MaxExpiry = TimeSpan.FromSeconds(7) };
        Assert.Equal(TimeSpan.FromSeconds(2), set.InitialExpiry);
        Assert.Equal(TimeSpan.FromSeconds(7), set.MaxExpiry);
    }

    [Fact]
    public void Default_max_expiry_is_capped_at_max_time()
    {
        var options = new ConnectionOptions { Expiry = ConnectionOptions.MaxTime };

        Assert.Equal(ConnectionOptions.MaxTime, options.MaxExpiry);
    }

    [Fact]
    public void Values_at_the_bounds_are_accepted()
    {
        var options = new ConnectionOptions
        {
            MaxAttempts = 1,
            Expiry = TimeSpan.FromTicks(1),
            InitialExpiry = ConnectionOptions.MaxTime,
            MaxExpiry = ConnectionOptions.MaxTime,
            BackoffFactor = 1.0,
            HalfOpenMaxCalls = 1,
            SuccessesToClose = 1,
            ProbeTimeout = ConnectionOptions.MaxTime,
            InactivityTimeout = null,
        };

        options.Validate();
        Assert.Null(options.InactivityTimeout);
    }

    public static TheoryData<string, Func<ConnectionOptions>> InvalidValues => new()
    {
        { "MaxAttempts", static () => new ConnectionOptions { MaxAttempts = 0 } },
        { "MaxAttempts", static () => new ConnectionOptions { MaxAttempts = -1 } },
        { "Expiry", static () => new ConnectionOptions { Expiry = TimeSpan.Zero } },
        { "Expiry", static () => new ConnectionOptions { Expiry = TimeSpan.FromSeconds(-1) } },
        { "Expiry", static () => new ConnectionOptions { Expiry = ConnectionOptions.MaxTime + TimeSpan.FromTicks(1) } },
        { "ExpiryStrategy", static () => new ConnectionOptions { ExpiryStrategy = (ExpiryStrategy)7 } },
        { "InitialExpiry", static () => new ConnectionOptions { InitialExpiry = TimeSpan.Zero } },
        { "InitialExpiry", static () => new ConnectionOptions { InitialExpiry = TimeSpan.FromMilliseconds(-5) } },
        { "MaxExpiry", static () => new ConnectionOptions { MaxExpiry = TimeSpan.Zero } },
        { "MaxExpiry", static () => new ConnectionOptions { MaxExpiry = TimeSpan.MaxValue } },
        { "BackoffFactor", static () => new ConnectionOptions { BackoffFactor = 0.99 } },
        { "BackoffFactor", static () => new ConnectionOptions { BackoffFactor = double.NaN } },
        { "BackoffFactor", static () => new ConnectionOptions { BackoffFactor = double.PositiveInfinity } },
        { "HalfOpenMaxCalls", static () => new ConnectionOptions { HalfOpenMaxCalls = 0 } },
        { "SuccessesToClose", static () => new ConnectionOptions { SuccessesToClose = 0 } },
        { "ProbeTimeout", static () => new ConnectionOptions { ProbeTimeout = TimeSpan.Zero } },
        { "ProbeTimeout", static () => new ConnectionOptions { ProbeTimeout = TimeSpan.FromSeconds(-30) } },
        { "ProbeTimeout", static () => new ConnectionOptions { ProbeTimeout = TimeSpan.MaxValue } },
        { "InactivityTimeout", static () => new ConnectionOptions { InactivityTimeout = TimeSpan.Zero } },
        { "InactivityTimeout", static () => new ConnectionOptions { InactivityTimeout = TimeSpan.FromHours(-1) } },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_throws_out_of_range_naming_the_option(string option, Func<ConnectionOptions> create)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(create);

        Assert.Equal(option, exception.ParamName);
    }

    [Fact]
    public void Null_metadata_throws_argument_null()
    {
        var exception = Assert.Throws<ArgumentNullException>(static () => new ConnectionOptions { Metadata = null! });

        Assert.Equal("Metadata", exception.ParamName);
    }

    [Fact]
    public void A_null_metadata_value_throws_argument()
    {
        var metadata = new Dictionary<string, string> { ["team"] = null! };

        var exception = Assert.Throws<ArgumentException>(() => new ConnectionOptions { Metadata = metadata });

        Assert.Equal("Metadata", exception.ParamName);
    }

    [Fact]
    public void Metadata_is_copied_so_later_changes_to_the_source_do_not_leak_in()
    {
        var source = new Dictionary<string, string> { ["team"] = "payments" };
        var options = new ConnectionOptions { Metadata = source };

        source["team"] = "changed";
        source["extra"] = "x";

        Assert.Equal("payments", options.Metadata["team"]);
        Assert.Single(options.Metadata);
    }

    [Fact]
    public void Validate_rejects_a_max_expiry_shorter_than_the_initial_expiry_naming_the_given_parameter()
    {
        var options = new ConnectionOptions { InitialExpiry = TimeSpan.FromSeconds(10), MaxExpiry = TimeSpan.FromSeconds(5) };

        var exception = Assert.Throws<ArgumentException>(() => options.Validate("custom"));

        Assert.Equal("custom", exception.ParamName);
        Assert.Contains("MaxExpiry", exception.Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => options.Validate()).ParamName);
    }

    [Fact]
    public void Equality_compares_effective_values_and_metadata_content()
    {
        var left = new ConnectionOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } };
        var right = new ConnectionOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } };

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.Equal(ConnectionOptions.Default, new ConnectionOptions { InitialExpiry = TimeSpan.FromSeconds(60) });
        Assert.NotEqual(left, right with { Metadata = new Dictionary<string, string> { ["a"] = "2" } });
        Assert.NotEqual(left, left with { SuccessesToClose = 2 });
        Assert.NotEqual(left, left with { InactivityTimeout = null });
        Assert.False(left.Equals(null));
    }
}
