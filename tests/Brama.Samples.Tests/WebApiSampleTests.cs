using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brama.Extensions.DependencyInjection;
using Brama.Samples.WebApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Brama.Samples.Tests;

/// <summary>The web sample in a test server, on a fake clock, calling itself through the test server.</summary>
internal sealed class SampleHost : IDisposable
{
    public SampleHost()
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // The sample calls itself over HTTP; in a test the calls go to the in-memory test server instead.
            services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => Factory!.Server.CreateHandler()));
        }));
        Client = Factory.CreateClient();
    }

    public FakeTimeProvider Time { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

public sealed class WebApiSampleTests : IDisposable
{
    private readonly SampleHost _host = new();
    private readonly FakeTimeProvider _time;
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public WebApiSampleTests()
    {
        _time = _host.Time;
        _factory = _host.Factory;
        _client = _host.Client;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private FlakyDependency Dependency => _factory.Services.GetRequiredService<FlakyDependency>();

    private ConnectionRegistry Registry => _factory.Services.GetRequiredService<ConnectionRegistry>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Health_lists_the_configured_connections_as_closed()
    {
        var health = await Health();

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var check = health.GetProperty("checks").GetProperty("brama");
        Assert.Equal("2 circuits closed.", check.GetProperty("description").GetString());
        Assert.Equal("Closed", check.GetProperty("data").GetProperty("quote_api").GetString());
        Assert.Equal("Closed", check.GetProperty("data").GetProperty("stock_api").GetString());
    }

    [Fact]
    public async Task The_configured_options_reach_the_registry_on_the_container_clock()
    {
        await _client.GetAsync("/health", Token);

        Assert.Same(_time, Registry.TimeProvider);
        Assert.True(Registry.TryGetStatus("quote_api", null, out var quote));
        Assert.Equal(3, quote.Options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(15), quote.Options.Expiry);
        Assert.Equal("pricing", quote.Metadata["team"]);
        Assert.True(Registry.TryGetStatus("stock_api", null, out var stock));
        Assert.Equal(ExpiryStrategy.Progressive, stock.Options.ExpiryStrategy);
    }

    [Fact]
    public async Task The_decorated_quote_call_reaches_the_dependency()
    {
        var answer = await _client.GetFromJsonAsync<DependencyAnswer>("/quote/apple", Token);

        Assert.Equal(new DependencyAnswer("apple", 50), answer);
        Assert.Equal(1, Dependency.Requests);
    }

    [Fact]
    public void The_quote_client_resolved_from_DI_holds_the_container_registry()
    {
        using var scope = _factory.Services.CreateScope();

        var quotes = scope.ServiceProvider.GetRequiredService<QuoteClient>();

        Assert.True(quotes.Uses(Registry));
        Assert.False(quotes.Uses(ConnectionRegistry.Default));
    }

    [Fact]
    public async Task The_stock_circuit_opens_rejects_and_recovers()
    {
        Dependency.Break();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _client.GetAsync("/stock/apple", Token);
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        using var rejected = await _client.GetAsync("/stock/apple", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal("10", rejected.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Circuit 'stock_api' is open; retry after 10 s.", await rejected.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(3, Dependency.Requests);

        var unhealthy = await _client.GetAsync("/health", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        var health = await Health(unhealthy);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.Equal("Open", health.GetProperty("checks").GetProperty("brama").GetProperty("data").GetProperty("stock_api").GetString());

        Dependency.Heal();
        _time.Advance(TimeSpan.FromSeconds(10));
        var answer = await _client.GetFromJsonAsync<DependencyAnswer>("/stock/pear", Token);

        Assert.Equal(new DependencyAnswer("pear", 40), answer);
        Assert.Equal("Healthy", (await Health()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_open_non_critical_circuit_degrades_health_but_keeps_200()
    {
        await _client.GetAsync("/health", Token);
        Registry.Open("quote_api", reason: "maintenance");

        using var response = await _client.GetAsync("/health", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", (await Health(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_circuits_endpoint_shows_each_state()
    {
        await _client.GetAsync("/health", Token);
        Registry.Open("quote_api", reason: "maintenance", expiry: TimeSpan.FromSeconds(42));

        var circuits = await _client.GetFromJsonAsync<JsonElement>("/circuits", Token);

        Assert.Equal(
            ["quote_api Open 42", "stock_api Closed "],
            circuits.EnumerateArray().Select(c =>
                $"{c.GetProperty("connection").GetString()} {c.GetProperty("state").GetString()} {(c.GetProperty("retryAfterSeconds").ValueKind == JsonValueKind.Number ? c.GetProperty("retryAfterSeconds").GetDouble() : null)}"));
    }

    [Fact]
    public async Task The_decorated_quote_circuit_trips_in_the_container_registry()
    {
        Dependency.Break();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _client.GetAsync("/quote/apple", Token);
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        using var rejected = await _client.GetAsync("/quote/apple", Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal("15", rejected.Headers.GetValues("Retry-After").Single());
        Assert.Equal(3, Dependency.Requests);
        Assert.True(Registry.TryGetStatus("quote_api", null, out var status));
        Assert.Equal(CircuitState.Open, status.State);
    }

    [Fact]
    public void An_invalid_Brama_section_stops_the_application_at_start()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.UseSetting("Brama:Connections:quote_api:MaxAttempts", "zero"));

        var error = Assert.Throws<BramaConfigurationException>(() => factory.CreateClient());

        Assert.Equal(
            "Invalid Brama configuration: 'Brama:Connections:quote_api:MaxAttempts' Not a whole number. Value: 'zero'.",
            error.Message);
    }

    private async Task<JsonElement> Health(HttpResponseMessage? response = null)
    {
        response ??= await _client.GetAsync("/health", Token);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(Token));
    }
}

/// <summary>Replays the README's curl sequence for the web sample and checks every documented response.</summary>
public sealed partial class WebApiReadmeSequenceTests : IDisposable
{
    private readonly SampleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Every_line_of_the_README_sequence_answers_what_its_comment_says()
    {
        var steps = ReadmeSteps();
        Assert.True(steps.Count >= 15, $"{steps.Count} steps found in the README");

        foreach (var step in steps)
        {
            if (step.SleepSeconds is { } seconds)
            {
                _host.Time.Advance(TimeSpan.FromSeconds(seconds));
                continue;
            }

            using var request = new HttpRequestMessage(new HttpMethod(step.Method), step.Path);
            using var response = await _host.Client.SendAsync(request, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.True((int)response.StatusCode == step.Status, $"{step.Line}\n→ {(int)response.StatusCode} {body}");
            if (step.RetryAfter is { } retryAfter)
            {
                Assert.Equal(retryAfter, response.Headers.GetValues("Retry-After").Single());
            }

            foreach (var fragment in step.BodyFragments)
            {
                Assert.True(body.Contains(fragment, StringComparison.Ordinal), $"{step.Line}\n→ body lacks {fragment}: {body}");
            }
        }
    }

    private static List<ReadmeStep> ReadmeSteps()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("## The web sample", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        var steps = new List<ReadmeStep>();
        foreach (var line in section.Split('\n'))
        {
            if (Sleep().Match(line) is { Success: true } sleep)
            {
                steps.Add(new ReadmeStep(line, "GET", "", 0, null, [], int.Parse(sleep.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }

            if (Curl().Match(line) is not { Success: true } curl)
            {
                continue;
            }

            var comment = line[line.IndexOf('#', StringComparison.Ordinal)..];
            var status = int.Parse(Status().Match(comment).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var retryAfter = RetryAfter().Match(comment) is { Success: true } r ? r.Groups[1].Value : null;
            var fragments = Fragment().Matches(comment).Select(static m => m.Groups[1].Value).ToList();
            steps.Add(new ReadmeStep(line, curl.Groups[1].Success ? curl.Groups[1].Value : "GET", curl.Groups[2].Value, status, retryAfter, fragments, null));
        }

        return steps;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Brama.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Brama.sln not found");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^curl -si (?:-X (\w+) )?http://127\.0\.0\.1:5080(\S+)")]
    private static partial System.Text.RegularExpressions.Regex Curl();

    [System.Text.RegularExpressions.GeneratedRegex(@"^sleep (\d+)")]
    private static partial System.Text.RegularExpressions.Regex Sleep();

    [System.Text.RegularExpressions.GeneratedRegex(@"→ (\d{3})")]
    private static partial System.Text.RegularExpressions.Regex Status();

    [System.Text.RegularExpressions.GeneratedRegex(@"Retry-After: (\d+)")]
    private static partial System.Text.RegularExpressions.Regex RetryAfter();

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]+)`")]
    private static partial System.Text.RegularExpressions.Regex Fragment();

    private sealed record ReadmeStep(string Line, string Method, string Path, int Status, string? RetryAfter, List<string> BodyFragments, int? SleepSeconds);
}
