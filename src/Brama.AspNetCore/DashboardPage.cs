using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Brama.AspNetCore;

/// <summary>The dashboard: one self-contained page (no CDN, no other file) that reads the endpoints next to it.</summary>
internal static class DashboardPage
{
    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("Brama.AspNetCore.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from Brama.AspNetCore.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static IResult Serve(HttpContext context, string prefix)
    {
        var basePath = context.Request.PathBase.Add(new PathString(prefix)).Value ?? prefix;
        var page = Template.Value.Replace("%BASE%", JavaScriptEncoder.Default.Encode(basePath), StringComparison.Ordinal);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";
        return Results.Content(page, "text/html; charset=utf-8");
    }
}
