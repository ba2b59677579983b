using Brama.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Brama.Extensions.DependencyInjection.Tests;

/// <summary>The handler's exception rules, with a primary handler that throws what a transport would.</summary>
public sealed class HttpHandlerClassificationTests : IDisposable
{
    private ServiceProvider? _provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _provider?.Dispose();

    public static TheoryData<Exception, string> Failures => new()
    {
        { new HttpRequestException("Connection refused"), "HttpRequestException: Connection refused" },
        { new TaskCanceledException("The connect attempt timed out."), "TaskCanceledException: The connect attempt timed out." },
        { new TimeoutException("Read timed out."), "TimeoutException: Read timed out." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Transport_errors_and_timeouts_not_caused_by_the_caller_are_failures(Exception thrown, string reason)
    {
        var (client, registry) = Create(new ThrowingHandler(thrown));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("http://127.0.0.1/x", Token));

        Assert.Same(thrown, error);
        var status = registry.ShouldHaveFailureCount("api", 1);
        Assert.Equal(reason, status.LastReason);
    }

    [Fact]
    public async Task Other_exceptions_are_ignored()
    {
        var (client, registry) = Create(new ThrowingHandler(new InvalidOperationException("bad request object")));
        registry.GetOrRegister("api");
        registry.AddFailures("api", 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("http://127.0.0.1/x", Token));

        registry.ShouldHaveFailureCount("api", 1);
    }

    [Fact]
    public async Task A_throwing_classifier_counts_as_a_failure_and_the_response_is_still_returned()
    {
        var (client, registry) = Create(new ThrowingHandler(null), classify: _ => throw new FormatException("classifier bug"));

        using var response = await client.GetAsync("http://127.0.0.1/x", Token);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("FormatException: classifier bug", registry.ShouldHaveFailureCount("api", 1).LastReason);
    }

    private (HttpClient Client, ConnectionRegistry Registry) Create(HttpMessageHandler primary, Func<HttpResponseMessage, Outcome>? classify = null)
    {
        var services = new ServiceCollection();
        services.AddHttpClient("under-test")
            .ConfigurePrimaryHttpMessageHandler(() => primary)
            .AddBramaCircuitBreaker("api", configure: o =>
            {
                o.ConnectionOptions = new ConnectionOptions { MaxAttempts = 5 };
                if (classify is not null)
                {
                    o.ClassifyResponse = classify;
                }
            });
        _provider = services.BuildServiceProvider();
        return (_provider.GetRequiredService<IHttpClientFactory>().CreateClient("under-test"), _provider.GetRequiredService<ConnectionRegistry>());
    }

    /// <summary>Throws the given exception, or answers 200 when there is none.</summary>
    private sealed class ThrowingHandler(Exception? exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            exception is null ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)) : Task.FromException<HttpResponseMessage>(exception);
    }
}
