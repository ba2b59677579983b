namespace Brama.Core.Tests.Decorator;

public class ConnectionDeclarationTests
{
    private static readonly ConnectionOptions Defaults = new()
    {
        MaxAttempts = 7,
        Expiry = TimeSpan.FromSeconds(30),
        HalfOpenMaxCalls = 4,
        ProbeTimeout = TimeSpan.FromSeconds(3),
    };

    [Fact]
    public void Without_options_the_registry_defaults_apply()
    {
        var declaration = new ConnectionDeclaration("payment_api", "eu");

        Assert.False(declaration.HasOptions);
        Assert.Null(declaration.ToOptions(Defaults));
        Assert.Equal("'payment_api' in scope 'eu'", declaration.ToString());
    }

    [Fact]
    public void Set_options_override_the_defaults_and_the_rest_is_kept()
    {
        var declaration = new ConnectionDeclaration("payment_api", null) { MaxAttempts = 2, ExpiryMilliseconds = 1500 };

        var options = declaration.ToOptions(Defaults);

        Assert.NotNull(options);
        Assert.Equal(2, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Expiry);
        Assert.Equal(4, options.HalfOpenMaxCalls);
        Assert.Equal(ExpiryStrategy.Fixed, options.ExpiryStrategy);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ProbeTimeout);
    }

    [Fact]
    public void Strategy_and_probe_slots_are_applied()
    {
        var declaration = new ConnectionDeclaration("payment_api", null) { ExpiryStrategy = ExpiryStrategy.Progressive, HalfOpenMaxCalls = 1 };

        var options = declaration.ToOptions(Defaults)!;

        Assert.Equal(ExpiryStrategy.Progressive, options.ExpiryStrategy);
        Assert.Equal(1, options.HalfOpenMaxCalls);
        Assert.Equal(7, options.MaxAttempts);
    }

    [Theory]
    [InlineData(0, null, "MaxAttempts")]
    [InlineData(null, -5L, "ExpiryMilliseconds")]
    [InlineData(null, 31_536_000_001L, "ExpiryMilliseconds")]
    public void Out_of_range_values_throw_when_the_options_are_built(int? maxAttempts, long? expiry, string parameter)
    {
        var declaration = new ConnectionDeclaration("payment_api", null) { MaxAttempts = maxAttempts, ExpiryMilliseconds = expiry };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => declaration.ToOptions(Defaults));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void The_probe_and_backoff_options_are_applied()
    {
        var declaration = new ConnectionDeclaration("payment_api", null)
        {
            SuccessesToClose = 3,
            ProbeTimeoutMilliseconds = 250,
            MaxExpiryMilliseconds = 120_000,
            BackoffFactor = 1.5,
        };

        var options = declaration.ToOptions(Defaults)!;

        Assert.Equal(3, options.SuccessesToClose);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.ProbeTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), options.MaxExpiry);
        Assert.Equal(1.5, options.BackoffFactor);
        Assert.Equal(7, options.MaxAttempts);
    }

    [Theory]
    [InlineData(nameof(ConnectionDeclaration.ProbeTimeoutMilliseconds), "ProbeTimeoutMilliseconds")]
    [InlineData(nameof(ConnectionDeclaration.MaxExpiryMilliseconds), "MaxExpiryMilliseconds")]
    [InlineData(nameof(ConnectionDeclaration.SuccessesToClose), "SuccessesToClose")]
    [InlineData(nameof(ConnectionDeclaration.BackoffFactor), "BackoffFactor")]
    public void Out_of_range_new_options_name_themselves(string option, string parameter)
    {
        var declaration = option switch
        {
            nameof(ConnectionDeclaration.ProbeTimeoutMilliseconds) => new ConnectionDeclaration("api", null) { ProbeTimeoutMilliseconds = -1 },
            nameof(ConnectionDeclaration.MaxExpiryMilliseconds) => new ConnectionDeclaration("api", null) { MaxExpiryMilliseconds = 31_536_000_001 },
            nameof(ConnectionDeclaration.SuccessesToClose) => new ConnectionDeclaration("api", null) { SuccessesToClose = 0 },
            _ => new ConnectionDeclaration("api", null) { BackoffFactor = 0.5 },
        };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => declaration.ToOptions(Defaults));

        Assert.Equal(parameter, exception.ParamName);
    }

    [Fact]
    public void Overridden_lists_each_set_option_the_connection_runs_differently_with()
    {
        var declaration = new ConnectionDeclaration("payment_api", null)
        {
            MaxAttempts = 2,
            ExpiryMilliseconds = 30_000,
            ExpiryStrategy = ExpiryStrategy.Progressive,
            BackoffFactor = 1.5,
        };

        var overridden = declaration.OverriddenBy(Defaults);

        Assert.Equal(
            ["MaxAttempts = 2 (runs with 7)", "ExpiryStrategy = Progressive (runs with Fixed)", "BackoffFactor = 1.5 (runs with 2)"],
            overridden);
        Assert.Empty(new ConnectionDeclaration("payment_api", null).OverriddenBy(Defaults));
    }
}
