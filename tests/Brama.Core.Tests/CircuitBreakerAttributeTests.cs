using System.Reflection;

namespace Brama.Core.Tests;

public class CircuitBreakerAttributeTests
{
    [Fact]
    public void Connection_is_kept_and_named_options_default_to_unset()
    {
        var attribute = new CircuitBreakerAttribute("payment_api");

        Assert.Equal("payment_api", attribute.Connection);
        Assert.Null(attribute.Scope);
        Assert.Null(attribute.ErrorHandler);
        Assert.Null(attribute.Implementation);
        Assert.Null(attribute.Fallback);
        Assert.Equal(0, attribute.MaxAttempts);
        Assert.Equal(0, attribute.ExpiryMilliseconds);
        Assert.Equal(ExpiryStrategy.Fixed, attribute.ExpiryStrategy);
        Assert.Equal(0, attribute.HalfOpenMaxCalls);
    }

    [Fact]
    public void Applies_to_methods_only_once_and_is_not_inherited()
    {
        var usage = typeof(CircuitBreakerAttribute).GetCustomAttribute<AttributeUsageAttribute>();

        Assert.NotNull(usage);
        Assert.Equal(AttributeTargets.Method, usage.ValidOn);
        Assert.False(usage.AllowMultiple);
        Assert.False(usage.Inherited);
    }
}
