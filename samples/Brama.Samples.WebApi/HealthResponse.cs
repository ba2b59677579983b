using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Brama.Samples.WebApi;

/// <summary>Writes a health report as JSON: the overall status and, per check, its status, description and data.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                static e => e.Key,
                static e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
