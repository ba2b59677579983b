namespace Brama.Core.Tests.Options;

public class BramaOptionsTests
{
    [Fact]
    public void Defaults_are_the_connection_defaults_and_a_ten_second_cleanup()
    {
        Assert.Same(ConnectionOptions.Default, BramaOptions.Default.Defaults);
        Assert.Equal(TimeSpan.FromSeconds(10), BramaOptions.Default.CleanupInterval);
    }

    [Fact]
    public void Null_defaults_throw_argument_null()
    {
        var exception = Assert.Throws<ArgumentNullException>(static () => new BramaOptions { Defaults = null! });

        Assert.Equal("Defaults", exception.ParamName);
    }

    [Fact]
    public void Defaults_breaking_a_cross_field_rule_throw_naming_defaults()
    {
        var invalid = new ConnectionOptions { InitialExpiry = TimeSpan.FromSeconds(10), MaxExpiry = TimeSpan.FromSeconds(1) };

        var exception = Assert.Throws<ArgumentException>(() => new BramaOptions { Defaults = invalid });

        Assert.Equal("Defaults", exception.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(50 * 24 * 3600)]
    [InlineData(366 * 24 * 3600)]
    public void An_invalid_cleanup_interval_throws_out_of_range(int seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(
            () => new BramaOptions { CleanupInterval = TimeSpan.FromSeconds(seconds) });

        Assert.Equal("CleanupInterval", exception.ParamName);
    }

    [Fact]
    public void The_longest_cleanup_interval_is_one_a_timer_accepts()
    {
        var options = new BramaOptions { CleanupInterval = BramaOptions.MaxCleanupInterval };
        using var registry = new ConnectionRegistry(options, new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        using var realTime = new ConnectionRegistry(options);

        Assert.Equal(BramaOptions.MaxCleanupInterval, registry.Options.CleanupInterval);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new BramaOptions { CleanupInterval = BramaOptions.MaxCleanupInterval + TimeSpan.FromMilliseconds(1) });
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var left = new BramaOptions { Defaults = new ConnectionOptions { MaxAttempts = 2 } };
        var right = new BramaOptions { Defaults = new ConnectionOptions { MaxAttempts = 2 } };

        Assert.Equal(left, right);
        Assert.NotEqual(left, right with { CleanupInterval = TimeSpan.FromSeconds(1) });
    }
}
