using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class ArgumentValidationTests
{
    [Fact]
    public void AddBrama_names_null_arguments()
    {
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddBrama()).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBrama((Action<BramaSetup>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddBrama((IConfiguration)null!)).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddBrama(new ConfigurationBuilder().Build())).ParamName);
    }

    [Fact]
    public void Setup_names_bad_values()
    {
        var setup = new BramaSetup();

        Assert.Equal("value", Assert.Throws<ArgumentNullException>(() => setup.Options = null!).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentNullException>(() => setup.AddConnection(null!)).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => setup.AddConnection(" ")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => setup.AddConnection(new string('a', 257))).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => setup.AddConnection("a", "")).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => setup.AddConnection(
            "a", options: new ConnectionOptions { InitialExpiry = TimeSpan.FromMinutes(2), MaxExpiry = TimeSpan.FromMinutes(1) })).ParamName);

        setup.AddConnection("a", "s");
        var duplicate = Assert.Throws<ArgumentException>(() => setup.AddConnection("a", "s"));
        Assert.Equal("identifier", duplicate.ParamName);
        Assert.StartsWith("Connection 'a' in scope 's' is already added.", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBramaCircuitBreaker_names_bad_arguments()
    {
        var builder = new ServiceCollection().AddHttpClient("x");

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddBramaCircuitBreaker("a")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentNullException>(() => builder.AddBramaCircuitBreaker(null!)).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker("")).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker("a", new string('s', 300))).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker("a", configure: o => o.ClassifyResponse = null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker("a", configure: o => o.ConnectionOptions =
            new ConnectionOptions { InitialExpiry = TimeSpan.FromMinutes(2), MaxExpiry = TimeSpan.FromMinutes(1) })).ParamName);
    }

    [Fact]
    public void Http_options_name_bad_values()
    {
        var options = new BramaHttpOptions();

        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.Zero).ParamName);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => options.Timeout = TimeSpan.FromDays(366)).ParamName);
        Assert.Equal("response", Assert.Throws<ArgumentNullException>(() => BramaHttpOptions.DefaultClassifyResponse(null!)).ParamName);
        options.Timeout = null;
        Assert.Null(options.Timeout);
    }

    [Fact]
    public void AddBramaHealthCheck_names_bad_arguments()
    {
        var builder = new ServiceCollection().AddHealthChecks();

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((IHealthChecksBuilder)null!).AddBramaHealthCheck()).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => builder.AddBramaHealthCheck(null!)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => builder.AddBramaHealthCheck(" ")).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentException>(() => builder.AddBramaHealthCheck(configure: o => o.Connections.Add(" "))).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentException>(() => builder.AddBramaHealthCheck(configure: o => o.CriticalConnections.Add(""))).ParamName);
    }

    [Fact]
    public async Task The_health_check_names_a_null_context()
    {
        using var registry = new ConnectionRegistry();
        var check = new BramaHealthCheck(registry, new BramaHealthCheckOptions());

        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => check.CheckHealthAsync(null!, TestContext.Current.CancellationToken));

        Assert.Equal("context", error.ParamName);
    }

    [Fact]
    public void Configuration_exception_names_null_errors()
    {
        Assert.Equal("errors", Assert.Throws<ArgumentNullException>(() => new BramaConfigurationException((IReadOnlyList<KeyValuePair<string, string>>)null!)).ParamName);
    }
}
