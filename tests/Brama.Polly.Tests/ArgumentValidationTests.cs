using Polly;

namespace Brama.Polly.Tests;

/// <summary>Bad arguments fail when the strategy is added, naming the parameter; nothing is registered.</summary>
public sealed class ArgumentValidationTests : IDisposable
{
    private readonly ConnectionRegistry _registry = new();

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void The_untyped_AddBramaCircuitBreaker_names_bad_arguments()
    {
        var builder = new ResiliencePipelineBuilder();

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((ResiliencePipelineBuilder)null!).AddBramaCircuitBreaker(_registry, "a")).ParamName);
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => builder.AddBramaCircuitBreaker(null!, "a")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentNullException>(() => builder.AddBramaCircuitBreaker(_registry, null!)).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, "")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, " ")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, new string('a', 257))).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, "a", "")).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, "a", new string('s', 300))).ParamName);
        Assert.Empty(_registry.Connections);
    }

    [Fact]
    public void The_typed_AddBramaCircuitBreaker_names_bad_arguments()
    {
        var builder = new ResiliencePipelineBuilder<int>();

        Assert.Equal("builder", Assert.Throws<ArgumentNullException>(() => ((ResiliencePipelineBuilder<int>)null!).AddBramaCircuitBreaker(_registry, "a")).ParamName);
        Assert.Equal("registry", Assert.Throws<ArgumentNullException>(() => builder.AddBramaCircuitBreaker(null!, "a")).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentNullException>(() => builder.AddBramaCircuitBreaker(_registry, null!)).ParamName);
        Assert.Equal("identifier", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, "\t")).ParamName);
        Assert.Equal("scope", Assert.Throws<ArgumentException>(() => builder.AddBramaCircuitBreaker(_registry, "a", " ")).ParamName);
        Assert.Empty(_registry.Connections);
    }

    [Fact]
    public void Options_name_bad_values_when_they_are_set()
    {
        Assert.Equal("ConnectionOptions", Assert.Throws<ArgumentException>(() => new BramaCircuitBreakerOptions
        {
            ConnectionOptions = new ConnectionOptions { InitialExpiry = TimeSpan.FromMinutes(2), MaxExpiry = TimeSpan.FromMinutes(1) },
        }).ParamName);
        Assert.Equal("ClassifyException", Assert.Throws<ArgumentNullException>(() => new BramaCircuitBreakerOptions { ClassifyException = null! }).ParamName);
        Assert.Equal("ClassifyResult", Assert.Throws<ArgumentNullException>(() => new BramaCircuitBreakerOptions<int> { ClassifyResult = null! }).ParamName);
        Assert.Equal("handler", Assert.Throws<ArgumentNullException>(() => BramaCircuitBreakerOptions<int>.FromErrorHandler(null!)).ParamName);
    }

    [Fact]
    public void Options_default_to_failure_for_exceptions_and_success_for_results()
    {
        var options = new BramaCircuitBreakerOptions<int>();

        Assert.Null(options.ConnectionOptions);
        Assert.Equal(Outcome.Failure("InvalidOperationException: x"), options.ClassifyException(new InvalidOperationException("x")));
        Assert.Equal(Outcome.Success, options.ClassifyResult(-1));
    }
}
