using System.Reflection;

namespace Brama.IntegrationTests;

public partial class DoublingClient
{
    public int CoreCalls { get; private set; }

    [CircuitBreaker("integration_doubling")]
    public partial int Double(int value);

    private int DoubleCore(int value)
    {
        CoreCalls++;
        return value * 2;
    }
}

public class GeneratedCodeTests
{
    [Fact]
    public void The_generated_body_runs_the_implementation()
    {
        var client = new DoublingClient();

        Assert.Equal(42, client.Double(21));
        Assert.Equal(1, client.CoreCalls);
    }

    [Fact]
    public void The_decorated_method_keeps_its_attribute_and_signature()
    {
        var method = typeof(DoublingClient).GetMethod(nameof(DoublingClient.Double))!;

        var attribute = method.GetCustomAttribute<CircuitBreakerAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal("integration_doubling", attribute.Connection);
        Assert.Equal(typeof(int), method.ReturnType);
    }
}
