using Brama;
using Brama.Samples.WebApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;

var builder = WebApplication.CreateBuilder(args);

// The registry: options and connections from the "Brama" section, validated at start, transitions logged.
builder.Services.AddBrama();

var flakyBase = new Uri(builder.Configuration["FlakyApi:BaseAddress"] ?? "http://127.0.0.1:5080/");

// 1. The decorator: QuoteClient.GetQuoteAsync is a [CircuitBreaker("quote_api")] partial method.
builder.Services.AddHttpClient<QuoteClient>(client => client.BaseAddress = flakyBase);

// 2. The HttpClient handler: every request of the "stock" client goes through the "stock_api" circuit.
builder.Services.AddHttpClient("stock", client => client.BaseAddress = flakyBase)
    .AddBramaCircuitBreaker("stock_api", configure: options => options.Timeout = TimeSpan.FromSeconds(5));

builder.Services.AddSingleton<FlakyDependency>();
builder.Services.AddHealthChecks()
    .AddBramaHealthCheck(configure: options => options.CriticalConnections.Add("stock_api"), tags: ["ready"]);

// Brama's meter: brama.calls, brama.circuit.transitions, brama.circuit.state, brama.events.dropped. The console
// exporter is opt-in (--Sample:ConsoleMetrics=true): every 10 s it would bury the transition logs.
if (builder.Configuration.GetValue<bool>("Sample:ConsoleMetrics"))
{
    builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
        .AddMeter("Brama")
        .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
}

// 3. Operator endpoints and the live dashboard at /brama; the manual operations need an operator.
builder.Services.AddAuthentication(OperatorKeyAuthentication.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, OperatorKeyAuthentication>(OperatorKeyAuthentication.SchemeName, null);
builder.Services.AddAuthorization(options => options.AddPolicy("operators", policy => policy.RequireAuthenticatedUser()));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapBramaEndpoints("/brama").Operations.RequireAuthorization("operators");

var flaky = app.MapGroup("/flaky");
flaky.MapGet("/{item}", (string item, FlakyDependency dependency) => dependency.Handle(item));
flaky.MapPost("/break", (FlakyDependency dependency) => { dependency.Break(); return Results.NoContent(); });
flaky.MapPost("/heal", (FlakyDependency dependency) => { dependency.Heal(); return Results.NoContent(); });

app.MapGet("/quote/{item}", async (string item, QuoteClient quotes, HttpContext context) =>
    await Protected(context, () => quotes.GetQuoteAsync(item, context.RequestAborted)));

app.MapGet("/stock/{item}", async (string item, IHttpClientFactory clients, HttpContext context) =>
    await Protected(context, async () =>
    {
        using var response = await clients.CreateClient("stock").GetAsync($"flaky/{Uri.EscapeDataString(item)}", context.RequestAborted);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DependencyAnswer>(context.RequestAborted))!;
    }));

app.MapGet("/circuits", (ConnectionRegistry registry) => registry.Connections.Select(static c => new
{
    connection = c.Identifier,
    scope = c.Scope,
    state = c.State.ToString(),
    failures = c.FailureCount,
    retryAfterSeconds = c.RetryAfter?.TotalSeconds,
}));

app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResponseWriter = HealthResponse.WriteAsync,
    ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status200OK },
});

app.Run();

// An open circuit answers at once with 503 and Retry-After; a failing dependency with 502.
static async Task<IResult> Protected(HttpContext context, Func<Task<DependencyAnswer>> call)
{
    try
    {
        return Results.Ok(await call());
    }
    catch (CircuitOpenException e)
    {
        var seconds = (int)Math.Ceiling(e.RetryAfter?.TotalSeconds ?? 1);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
    catch (HttpRequestException e)
    {
        return Results.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway);
    }
}

/// <summary>The entry point, public so that tests can start the application with WebApplicationFactory.</summary>
public partial class Program;
