using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Brama.AspNetCore;

/// <summary>
/// <c>GET events</c>: the registry's events as Server-Sent Events (<c>event: &lt;type&gt;</c>, <c>data: &lt;json&gt;</c>),
/// filtered like a subscription. Each client has a bounded buffer filled by a subscription's handler (never the
/// publishing thread); a client that falls that far behind, or goes away, is dropped and its subscription ended, so a
/// slow or vanished client costs the engine nothing.
/// </summary>
internal static class EventFeed
{
    public const int BufferPerClient = 256;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context)
    {
        if (!TryFilter(context.Request.Query, out var filter, out var problem))
        {
            await problem!.ExecuteAsync(context);
            return;
        }

        var buffer = Channel.CreateBounded<BramaEvent>(new BoundedChannelOptions(BufferPerClient)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping silently
        });
        using var dropped = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var subscription = CircuitEndpoints.Registry(context).Events.Subscribe(
            e =>
            {
                if (!buffer.Writer.TryWrite(e))
                {
                    dropped.Cancel(); // too slow: dropped
                }
            },
            filter);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync(": brama events\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(dropped.Token);
                wait.CancelAfter(Heartbeat);
                try
                {
                    await buffer.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!dropped.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": heartbeat\n\n", dropped.Token);
                    await context.Response.Body.FlushAsync(dropped.Token);
                    continue;
                }

                while (buffer.Reader.TryRead(out var bramaEvent))
                {
                    await context.Response.Body.WriteAsync(Frame(bramaEvent), dropped.Token);
                }

                await context.Response.Body.FlushAsync(dropped.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or was dropped for being too slow.
        }
    }

    internal static byte[] Frame(BramaEvent bramaEvent)
    {
        var data = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(data))
        {
            CircuitJson.WriteEvent(writer, bramaEvent);
        }

        return [.. Encoding.UTF8.GetBytes("event: " + bramaEvent.Type + "\ndata: "), .. data.WrittenSpan, .. "\n\n"u8];
    }

    internal static bool TryFilter(IQueryCollection query, out EventFilter? filter, out IResult? problem)
    {
        filter = null;
        problem = null;
        List<EventType>? events = null;
        if (query.ContainsKey("events"))
        {
            events = [];
            foreach (var name in query["events"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<EventType>(name, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(name, out _))
                {
                    problem = CircuitEndpoints.Problem(StatusCodes.Status400BadRequest, "Unknown event type",
                        $"'{name}' is not an event type; use names such as {string.Join(", ", Enum.GetNames<EventType>())}.");
                    return false;
                }

                events.Add(type);
            }

            if (events.Count == 0)
            {
                problem = CircuitEndpoints.Problem(StatusCodes.Status400BadRequest, "No event type", "events= names at least one event type; leave it out for all.");
                return false;
            }
        }

        var connection = query.ContainsKey("connection") ? query["connection"].ToString() : null;
        var scope = query.ContainsKey("scope") ? query["scope"].ToString() : null;
        foreach (var (field, value) in new[] { ("connection", connection), ("scope", scope) })
        {
            if (value is not null && !CircuitEndpoints.ValidName(value, out var invalid))
            {
                problem = CircuitEndpoints.Problem(StatusCodes.Status400BadRequest, "Invalid filter", $"{field}= {invalid}; leave it out for any.");
                return false;
            }
        }

        var candidate = new EventFilter { Events = events, Connection = connection, Scope = scope };
        filter = candidate;
        return true;
    }
}
