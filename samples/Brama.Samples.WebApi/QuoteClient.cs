using Brama;

namespace Brama.Samples.WebApi;

/// <summary>
/// A typed HttpClient whose call is protected by the decorator. Resolved from DI, it takes the container's
/// <see cref="ConnectionRegistry"/> and keeps it in its single registry field, which the generated code uses (instead
/// of <see cref="ConnectionRegistry.Default"/>), so the connection configured under <c>Brama:Connections:quote_api</c>
/// is the one that trips.
/// </summary>
public sealed partial class QuoteClient(HttpClient http, ConnectionRegistry registry)
{
    // The only ConnectionRegistry member: a second one (even a property returning this field) is BRAMA009.
    private readonly ConnectionRegistry _registry = registry;

    /// <summary>Whether the generated code works with <paramref name="registry"/>.</summary>
    public bool Uses(ConnectionRegistry registry) => ReferenceEquals(_registry, registry);

    [CircuitBreaker("quote_api")]
    public partial Task<DependencyAnswer> GetQuoteAsync(string item, CancellationToken cancellationToken);

    private async Task<DependencyAnswer> GetQuoteAsyncCore(string item, CancellationToken cancellationToken)
    {
        // A non-success status throws HttpRequestException, which the default classification counts as a failure.
        using var response = await http.GetAsync($"flaky/{Uri.EscapeDataString(item)}", cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<DependencyAnswer>(cancellationToken)
            ?? throw new InvalidOperationException("The dependency answered with an empty body.");
    }
}
