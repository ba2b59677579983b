using Brama.Tests.Servers;
using System.Net;
using System.Net.Sockets;
using Brama.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Extensions.DependencyInjection.Tests;

public sealed class HttpHandlerTests(LoopbackServer server) : IClassFixture<LoopbackServer>, IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private ServiceProvider? _provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _provider?.Dispose();

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Server_errors_timeouts_and_throttling_are_failures(int code)
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 5 });

        using var response = await client.GetAsync($"status/{code}/fail{code}", Token);

        Assert.Equal(code, (int)response.StatusCode);
        var status = registry.ShouldHaveFailureCount("api", 1);
        Assert.Equal($"HTTP {code} {(HttpStatusCode)code}", status.LastReason);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(400)]
    public async Task Other_responses_are_successes(int code)
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 5 });
        (await client.GetAsync($"status/500/before{code}", Token)).Dispose();
        (await client.GetAsync($"status/500/before{code}", Token)).Dispose();
        registry.ShouldHaveFailureCount("api", 2);

        using var response = await client.GetAsync($"status/{code}/ok{code}", Token);

        Assert.Equal(code, (int)response.StatusCode);
        registry.ShouldHaveFailureCount("api", 0);
    }

    [Fact]
    public async Task An_open_circuit_rejects_without_sending()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30) });
        (await client.GetAsync("status/503/trip", Token)).Dispose();
        (await client.GetAsync("status/503/trip", Token)).Dispose();
        registry.ShouldBeOpen("api");

        var error = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync("status/200/rejected", Token));

        Assert.Equal("Circuit 'api' is open; retry after 30 s.", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Equal(0, server.Hits("/status/200/rejected"));
        Assert.Equal(2, server.Hits("/status/503/trip"));
    }

    [Fact]
    public async Task A_successful_probe_closes_the_circuit()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 1, Expiry = TimeSpan.FromSeconds(30) });
        (await client.GetAsync("status/500/once", Token)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(30));
        registry.ShouldBeHalfOpen("api");

        using var response = await client.GetAsync("status/200/probe", Token);

        registry.ShouldBeClosed("api");
    }

    [Fact]
    public async Task A_scoped_handler_uses_its_scoped_connection()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 5 }, scope: "tenant_a");

        (await client.GetAsync("status/500/scoped", Token)).Dispose();

        registry.ShouldHaveFailureCount("api", 1, "tenant_a");
        Assert.False(registry.TryGet("api", out _));
    }

    [Fact]
    public async Task A_transport_error_is_a_failure()
    {
        var (client, registry) = Create("down", new ConnectionOptions { MaxAttempts = 5 }, baseAddress: new Uri($"http://127.0.0.1:{Loopback.FreePort()}/"));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("anything", Token));

        var status = registry.ShouldHaveFailureCount("down", 1);
        Assert.StartsWith("HttpRequestException: ", status.LastReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_caller_cancelling_is_ignored()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 1 });
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var request = client.GetAsync("hang/cancelled", cancellation.Token);
        await server.WaitUntilHanging("cancelled");
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        var status = registry.ShouldBeClosed("api");
        Assert.Equal(0, status.FailureCount);
    }

    [Fact]
    public async Task The_handler_timeout_is_a_failure_timed_by_the_registry_clock()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 1 }, timeout: TimeSpan.FromSeconds(2));

        var request = client.GetAsync("hang/slow", Token);
        await server.WaitUntilHanging("slow");
        _time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => request);
        Assert.Equal($"GET {server.BaseAddress}hang/slow through circuit 'api': Timed out after 00:00:02.", error.Message);
        var status = registry.ShouldBeOpen("api");
        Assert.Equal("Timed out after 00:00:02", status.LastReason);
    }

    [Fact]
    public async Task A_custom_classifier_decides()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 5 }, classify: r =>
            r.StatusCode == HttpStatusCode.NotFound ? Outcome.Failure("missing") : Outcome.Success);

        (await client.GetAsync("status/404/custom", Token)).Dispose();
        (await client.GetAsync("status/500/custom", Token)).Dispose();

        var status = registry.ShouldHaveFailureCount("api", 0);
        Assert.Equal("missing", status.LastReason);
    }

    [Fact]
    public async Task A_connection_registered_beforehand_keeps_its_options_and_a_removed_one_is_registered_again()
    {
        var (client, registry) = Create("api", new ConnectionOptions { MaxAttempts = 9 }, register: new ConnectionOptions { MaxAttempts = 3 });
        (await client.GetAsync("status/200/pre", Token)).Dispose();
        Assert.True(registry.TryGetStatus("api", null, out var before));
        Assert.Equal(3, before.Options.MaxAttempts);

        registry.Unregister("api");
        (await client.GetAsync("status/500/again", Token)).Dispose();

        var after = registry.ShouldHaveFailureCount("api", 1);
        Assert.Equal(9, after.Options.MaxAttempts);
    }

    private (HttpClient Client, ConnectionRegistry Registry) Create(
        string identifier,
        ConnectionOptions options,
        string? scope = null,
        Uri? baseAddress = null,
        TimeSpan? timeout = null,
        Func<HttpResponseMessage, Outcome>? classify = null,
        ConnectionOptions? register = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddBrama(setup =>
        {
            if (register is not null)
            {
                setup.AddConnection(identifier, scope, register);
            }
        });
        services.AddHttpClient("under-test", c => c.BaseAddress = baseAddress ?? server.BaseAddress)
            .AddBramaCircuitBreaker(identifier, scope, o =>
            {
                o.ConnectionOptions = options;
                o.Timeout = timeout;
                if (classify is not null)
                {
                    o.ClassifyResponse = classify;
                }
            });
        _provider = services.BuildServiceProvider();
        return (_provider.GetRequiredService<IHttpClientFactory>().CreateClient("under-test"), _provider.GetRequiredService<ConnectionRegistry>());
    }
}
