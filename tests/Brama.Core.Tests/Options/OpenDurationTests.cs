namespace Brama.Core.Tests.Options;

public class OpenDurationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1000)]
    public void Fixed_strategy_always_uses_expiry(int opening)
    {
        var options = new ConnectionOptions { Expiry = TimeSpan.FromSeconds(7), BackoffFactor = 3 };

        Assert.Equal(TimeSpan.FromSeconds(7), options.GetOpenDuration(opening));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(6, 10)]
    public void Progressive_strategy_grows_by_the_factor_up_to_max(int opening, int seconds)
    {
        var options = new ConnectionOptions
        {
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = TimeSpan.FromSeconds(1),
            MaxExpiry = TimeSpan.FromSeconds(10),
            BackoffFactor = 2,
        };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.GetOpenDuration(opening));
    }

    [Fact]
    public void Progressive_strategy_with_a_fractional_factor()
    {
        var options = new ConnectionOptions
        {
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = TimeSpan.FromSeconds(4),
            BackoffFactor = 1.5,
        };

        Assert.Equal(TimeSpan.FromSeconds(6), options.GetOpenDuration(2));
        Assert.Equal(TimeSpan.FromSeconds(9), options.GetOpenDuration(3));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1100)]
    [InlineData(int.MaxValue)]
    public void Huge_openings_are_capped_without_overflow(int opening)
    {
        var options = new ConnectionOptions
        {
            ExpiryStrategy = ExpiryStrategy.Progressive,
            InitialExpiry = ConnectionOptions.MaxTime,
            MaxExpiry = ConnectionOptions.MaxTime,
            BackoffFactor = 1e300,
        };

        Assert.Equal(ConnectionOptions.MaxTime, options.GetOpenDuration(opening));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void An_opening_below_one_throws(int opening)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ConnectionOptions.Default.GetOpenDuration(opening));

        Assert.Equal("opening", exception.ParamName);
    }
}
