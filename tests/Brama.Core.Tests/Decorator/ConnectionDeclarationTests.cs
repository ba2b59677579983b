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
    [InlineData(null, -5L, "Expiry")]
    [InlineData(null, 31_536_000_001L, "ExpiryMilliseconds")]
    public void Out_of_range_values_throw_when_the_options_are_built(int? maxAttempts, long? expiry, string parameter)
    {
        var declaration = new ConnectionDeclaration("payment_api", null) { MaxAttempts = maxAttempts, ExpiryMilliseconds = expiry };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => declaration.ToOptions(Defaults));

        Assert.Equal(parameter, exception.ParamName);
    }
}
