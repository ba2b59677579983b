using Brama;
using Brama.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Brama's operator endpoints and dashboard page (docs/dashboard.md).</summary>
public static class BramaEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: <c>GET</c> the dashboard page, <c>GET circuits</c> (all, or
    /// <c>circuits/{id}</c>, with <c>?scope=</c> for one), <c>POST circuits/{id}/open|close|reset</c> (the manual
    /// operations, with <c>?scope=&amp;reason=&amp;expirySeconds=</c>) and <c>GET events</c> (a Server-Sent Events feed,
    /// filtered by <c>?events=&amp;connection=&amp;scope=</c>). Nothing is mapped unless the application calls this.
    /// Conventions on the result (<c>RequireAuthorization</c>, <c>RequireCors</c>, …) apply to every endpoint; those on
    /// <see cref="BramaEndpointConventionBuilder.Operations"/> to the POST endpoints only.
    /// </summary>
    /// <param name="endpoints">The application's route builder.</param>
    /// <param name="prefix">Where to map them; default <c>/brama</c>.</param>
    /// <returns>The endpoints' convention builder.</returns>
    public static BramaEndpointConventionBuilder MapBramaEndpoints(this IEndpointRouteBuilder endpoints, string prefix = "/brama")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (string.IsNullOrWhiteSpace(prefix) || !prefix.StartsWith('/'))
        {
            throw new ArgumentException("The prefix must be a path that starts with '/', such as \"/brama\".", nameof(prefix));
        }

        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", (HttpContext context) => DashboardPage.Serve(context, prefix.TrimEnd('/'))).ExcludeFromDescription();
        group.MapGet("/circuits", CircuitEndpoints.List);
        group.MapGet("/circuits/{identifier}", CircuitEndpoints.ById);
        group.MapGet("/events", EventFeed.StreamAsync);
        var operations = group.MapGroup("/circuits/{identifier}");
        operations.MapPost("/{operation}", CircuitEndpoints.Operate);
        return new BramaEndpointConventionBuilder(group, operations);
    }
}

/// <summary>The conventions of Brama's endpoints: every endpoint, or only the manual operations.</summary>
public sealed class BramaEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly RouteGroupBuilder _all;

    internal BramaEndpointConventionBuilder(RouteGroupBuilder all, RouteGroupBuilder operations)
    {
        _all = all;
        Operations = operations;
    }

    /// <summary>The POST endpoints alone (open, close, reset): for example <c>.Operations.RequireAuthorization("operators")</c>.</summary>
    public IEndpointConventionBuilder Operations { get; }

    /// <inheritdoc/>
    public void Add(Action<EndpointBuilder> convention) => ((IEndpointConventionBuilder)_all).Add(convention);

    /// <inheritdoc/>
    public void Finally(Action<EndpointBuilder> finallyConvention) => ((IEndpointConventionBuilder)_all).Finally(finallyConvention);
}
