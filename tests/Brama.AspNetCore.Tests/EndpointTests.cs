using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Brama.AspNetCore.Tests;

/// <summary>The endpoints on a test server: the schema, the manual operations, the feed, and bad input as 4xx problems.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero));
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    private ConnectionRegistry Registry => _app.Services.GetRequiredService<ConnectionRegistry>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddBrama(setup => setup
            .AddConnection("payment_api", null, new ConnectionOptions { MaxAttempts = 2, Expiry = TimeSpan.FromSeconds(30), Metadata = new Dictionary<string, string> { ["team"] = "payments" } })
            .AddConnection("search_api", "eu", new ConnectionOptions { FailureRatio = 0.5, MinimumThroughput = 4, SamplingDuration = TimeSpan.FromSeconds(10) }));
        _app = builder.Build();
        _app.MapBramaEndpoints("/ops/brama");
        await _app.StartAsync(Token);
        _http = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Circuits_list_every_connection_with_state_counts_rates_retry_after_and_options()
    {
        Registry.ReportFailure("payment_api", null, "timeout");
        Registry.ReportFailure("payment_api", null, "timeout");
        _time.Advance(TimeSpan.FromSeconds(12));
        for (var i = 0; i < 3; i++)
        {
            Registry.ReportSuccess("search_api", "eu");
        }

        using var document = JsonDocument.Parse(await _http.GetStringAsync("/ops/brama/circuits", Token));

        var circuits = document.RootElement.GetProperty("circuits").EnumerateArray().ToDictionary(c => c.GetProperty("identifier").GetString()!);
        var payment = circuits["payment_api"];
        Assert.Equal("Open", payment.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("scope").ValueKind);
        Assert.Equal(18, payment.GetProperty("retryAfterSeconds").GetDouble());
        Assert.Equal("timeout", payment.GetProperty("lastReason").GetString());
        Assert.Equal(1, payment.GetProperty("consecutiveOpenings").GetInt32());
        Assert.Equal("2026-07-01T08:00:00Z", payment.GetProperty("openedAt").GetString());
        Assert.Equal(2, payment.GetProperty("options").GetProperty("maxAttempts").GetInt32());
        Assert.Equal(30, payment.GetProperty("options").GetProperty("expirySeconds").GetDouble());
        Assert.Equal("payments", payment.GetProperty("metadata").GetProperty("team").GetString());
        var search = circuits["search_api"];
        Assert.Equal("eu", search.GetProperty("scope").GetString());
        Assert.Equal(3, search.GetProperty("window").GetProperty("sampledCalls").GetInt32());
        Assert.Equal(0.5, search.GetProperty("options").GetProperty("failureRatio").GetDouble());
    }

    [Fact]
    public async Task One_circuit_by_id_and_scope_and_all_scopes_of_an_id()
    {
        Registry.Register("search_api", "us");

        using var one = JsonDocument.Parse(await _http.GetStringAsync("/ops/brama/circuits/search_api?scope=us", Token));
        using var all = JsonDocument.Parse(await _http.GetStringAsync("/ops/brama/circuits/search_api", Token));

        Assert.Equal("us", one.RootElement.GetProperty("scope").GetString());
        Assert.Equal(["eu", "us"], all.RootElement.GetProperty("circuits").EnumerateArray().Select(c => c.GetProperty("scope").GetString()).Order());
    }

    [Fact]
    public async Task Open_close_and_reset_are_manual_operations_with_their_reason()
    {
        var events = new List<BramaEvent>();
        using var subscription = Registry.Events.Subscribe(e => { lock (events) { events.Add(e); } }, EventFilter.ForEvents(EventType.CircuitOpened, EventType.CircuitClosed, EventType.CircuitReset));

        var opened = await _http.PostAsync("/ops/brama/circuits/search_api/open?scope=eu&reason=maintenance&expirySeconds=90", null, Token);
        using var body = JsonDocument.Parse(await opened.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(("Open", 90d), (body.RootElement.GetProperty("state").GetString(), body.RootElement.GetProperty("retryAfterSeconds").GetDouble()));
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/ops/brama/circuits/search_api/close?scope=eu&reason=done", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsync("/ops/brama/circuits/payment_api/reset", null, Token)).StatusCode);

        await WaitAsync(() => { lock (events) { return events.Count == 3; } });
        lock (events)
        {
            Assert.All(events, e => Assert.True(e.Data.IsManual));
            Assert.Equal(["CircuitOpened search_api maintenance", "CircuitClosed search_api done", "CircuitReset payment_api "],
                events.Select(e => $"{e.Type} {e.Connection} {e.Data.Reason}"));
        }
    }

    [Theory]
    [InlineData("POST", "/ops/brama/circuits/nope/open", 404, "Unknown circuit")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/open?scope=eu", 404, "Unknown circuit")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/explode", 404, "Unknown operation")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/open?scope=%20", 400, "Invalid scope")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/open?expirySeconds=-1", 400, "Invalid expiry")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/close?expirySeconds=5", 400, "Invalid expiry")]
    [InlineData("POST", "/ops/brama/circuits/payment_api/open?reason=LONG", 400, "Reason too long")]
    [InlineData("GET", "/ops/brama/circuits/nope", 404, "Unknown circuit")]
    [InlineData("GET", "/ops/brama/circuits/payment_api?scope=", 400, "Invalid scope")]
    [InlineData("GET", "/ops/brama/events?events=CircuitOpened,Bogus", 400, "Unknown event type")]
    [InlineData("GET", "/ops/brama/events?events=7", 400, "Unknown event type")]
    [InlineData("GET", "/ops/brama/events?events=,", 400, "No event type")]
    [InlineData("GET", "/ops/brama/events?scope=", 400, "Invalid filter")]
    public async Task Bad_input_is_a_problem_and_changes_nothing(string method, string path, int status, string title)
    {
        var before = Registry.Connections.Select(c => (c.Identifier, c.Scope, c.State)).ToList();
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("LONG", new string('r', 1025), StringComparison.Ordinal));

        using var response = await _http.SendAsync(request, Token);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(before, Registry.Connections.Select(c => (c.Identifier, c.Scope, c.State)));
    }

    [Fact]
    public async Task The_event_feed_streams_filtered_events_as_server_sent_events()
    {
        using var response = await _http.GetAsync("/ops/brama/events?events=CircuitOpened&connection=payment_api", HttpCompletionOption.ResponseHeadersRead, Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal(": brama events", await reader.ReadLineAsync(Token));

        Registry.Open("search_api", "eu", "not for this feed");
        Registry.Open("payment_api", null, "for this feed");

        var lines = new List<string>();
        while (lines.Count < 2)
        {
            var line = await reader.ReadLineAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Token);
            if (!string.IsNullOrEmpty(line))
            {
                lines.Add(line!);
            }
        }

        Assert.Equal("event: CircuitOpened", lines[0]);
        using var data = JsonDocument.Parse(lines[1]["data: ".Length..]);
        Assert.Equal(("payment_api", "for this feed", true), (data.RootElement.GetProperty("connection").GetString(), data.RootElement.GetProperty("reason").GetString(), data.RootElement.GetProperty("isManual").GetBoolean()));
        Assert.Equal(30, data.RootElement.GetProperty("retryAfterSeconds").GetDouble());
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_costs_the_calls_nothing()
    {
        var before = Registry.Events.Count;
        using var response = await _http.GetAsync("/ops/brama/events?events=Success", HttpCompletionOption.ResponseHeadersRead, Token);
        await WaitAsync(() => Registry.Events.Count == before + 1);
        Assert.True(Registry.TryGet("payment_api", out var connection));

        // The client reads nothing: its buffer and the response's fill up, and the feed drops it.
        for (var i = 0; i < 100_000 && Registry.Events.Count > before; i++)
        {
            Assert.True(connection.TryAcquire(out var permit));
            permit.Complete(Outcome.Success);
        }

        await WaitAsync(() => Registry.Events.Count == before);
        Assert.Equal(CircuitState.Closed, connection.State);
    }

    [Fact]
    public async Task The_page_is_self_contained_and_reads_the_endpoints_next_to_it()
    {
        using var response = await _http.GetAsync("/ops/brama", Token);
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("const base = \"/ops/brama\";", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_that_is_not_a_path_is_rejected_naming_it()
    {
        Assert.Equal("prefix", Assert.Throws<ArgumentException>(() => _app.MapBramaEndpoints("brama")).ParamName);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(20, Token);
        }
    }
}
