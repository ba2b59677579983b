using Brama.Tests.Servers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Extensions.DependencyInjection.Tests;

/// <summary>ScopeByAuthority: one circuit per scheme, host and port of the request, bounded like every dynamic scope.</summary>
public sealed class HttpHandlerAuthorityTests(LoopbackServer server) : IClassFixture<LoopbackServer>, IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private ServiceProvider? _provider;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _provider?.Dispose();

    [Fact]
    public async Task A_dead_host_opens_its_own_circuit_and_the_live_one_keeps_answering()
    {
        var (client, registry) = Create(maxDynamicScopes: 10);
        var dead = new Uri($"http://127.0.0.1:{Loopback.FreePort()}/ping");
        var live = new Uri(server.BaseAddress, "status/200/live");

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(dead, Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(dead, Token));
        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(dead, Token));
        using var response = await client.GetAsync(live, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("hosts", $"http://127.0.0.1:{dead.Port}"), (rejected.Status.Identifier, rejected.Status.Scope));
        Assert.True(registry.TryGetStatus("hosts", $"http://127.0.0.1:{live.Port}", out var liveStatus));
        Assert.Equal(CircuitState.Closed, liveStatus.State);
        Assert.True(liveStatus.IsDynamicScope);
        Assert.Equal(2, registry.CountDynamicScopes("hosts"));
    }

    [Fact]
    public async Task The_path_query_and_case_of_the_scheme_choose_no_other_circuit()
    {
        var (client, registry) = Create(maxDynamicScopes: 10);
        var port = Loopback.FreePort();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{port}/a"), Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"HTTP://127.0.0.1:{port}/b?q=1"), Token));

        Assert.True(registry.TryGetStatus("hosts", $"http://127.0.0.1:{port}", out var status));
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(1, registry.CountDynamicScopes("hosts"));
    }

    [Fact]
    public async Task Past_the_limit_new_authorities_share_the_overflow_circuit()
    {
        var (client, registry) = Create(maxDynamicScopes: 1);
        using (await client.GetAsync(new Uri(server.BaseAddress, "status/200/first"), Token))
        {
        }

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{Loopback.FreePort()}/x"), Token));

        Assert.Equal(1, registry.CountDynamicScopes("hosts"));
        Assert.True(registry.TryGetStatus("hosts", ConnectionRegistry.OverflowScope, out var overflow));
        Assert.Equal(1, overflow.FailureCount);
    }

    [Fact]
    public void ScopeByAuthority_with_a_scope_is_rejected_naming_the_scope()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() =>
            services.AddHttpClient("x").AddBramaCircuitBreaker("hosts", "eu", o => o.ScopeByAuthority = true));

        Assert.Equal("scope", error.ParamName);
    }

    private (HttpClient Client, ConnectionRegistry Registry) Create(int maxDynamicScopes)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddBrama(setup => setup.Options = new BramaOptions { MaxDynamicScopes = maxDynamicScopes });
        services.AddHttpClient("under-test")
            .AddBramaCircuitBreaker("hosts", configure: o =>
            {
                o.ConnectionOptions = new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30) };
                o.ScopeByAuthority = true;
            });
        _provider = services.BuildServiceProvider();
        return (_provider.GetRequiredService<IHttpClientFactory>().CreateClient("under-test"), _provider.GetRequiredService<ConnectionRegistry>());
    }
}
