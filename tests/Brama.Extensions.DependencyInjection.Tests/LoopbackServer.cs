using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Brama.Extensions.DependencyInjection.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 with a random port, answering with the status code asked for.</summary>
public sealed class LoopbackServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>Completed each time <c>/hang/{id}</c> is reached, keyed by id.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource> Hanging { get; } = new(StringComparer.Ordinal);

    public Uri BaseAddress { get; private set; } = null!;

    public int Hits(string path) => _hits.TryGetValue(path, out var count) ? count : 0;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            _hits.AddOrUpdate(context.Request.Path.Value!, 1, static (_, n) => n + 1);
            await next(context);
        });
        _app.MapGet("/status/{code:int}/{name}", static (int code, string name) => Results.StatusCode(code));
        _app.MapGet("/hang/{id}", async (string id, HttpContext context) =>
        {
            Hanging.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.Single());
    }

    public Task WaitUntilHanging(string id) =>
        Hanging.GetOrAdd(id, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))
            .Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
