using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brama.AspNetCore;

/// <summary>The circuits as JSON, and the manual operations. Bad input is a 4xx problem; it changes nothing.</summary>
internal static class CircuitEndpoints
{
    public const int MaxReasonLength = 1024;

    public static IResult List(HttpContext context) =>
        Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("circuits");
            foreach (var status in Registry(context).Connections)
            {
                CircuitJson.WriteCircuit(writer, status);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static IResult ById(HttpContext context, string identifier)
    {
        var registry = Registry(context);
        var scope = context.Request.Query["scope"].ToString();
        if (context.Request.Query.ContainsKey("scope"))
        {
            return Find(registry, identifier, scope, out var status, out var problem)
                ? Json(writer => CircuitJson.WriteCircuit(writer, status!))
                : problem!;
        }

        if (!ValidName(identifier, out var invalid))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid connection identifier", $"The identifier {invalid}.");
        }

        var all = registry.Connections.Where(c => c.Identifier == identifier).ToList();
        return all.Count == 0
            ? Problem(StatusCodes.Status404NotFound, "Unknown circuit", $"No connection '{identifier}' is registered.")
            : Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("circuits");
                all.ForEach(status => CircuitJson.WriteCircuit(writer, status));
                writer.WriteEndArray();
                writer.WriteEndObject();
            });
    }

    public static IResult Operate(HttpContext context, string identifier, string operation)
    {
        var query = context.Request.Query;
        var scope = query.ContainsKey("scope") ? query["scope"].ToString() : null;
        var reason = query.ContainsKey("reason") ? query["reason"].ToString() : null;
        if (operation is not ("open" or "close" or "reset"))
        {
            return Problem(StatusCodes.Status404NotFound, "Unknown operation", $"'{operation}' is not an operation: use open, close or reset.");
        }

        if (reason?.Length > MaxReasonLength)
        {
            return Problem(StatusCodes.Status400BadRequest, "Reason too long", $"A reason has at most {MaxReasonLength} characters (this one has {reason.Length}).");
        }

        TimeSpan? expiry = null;
        if (query.ContainsKey("expirySeconds"))
        {
            if (!double.TryParse(query["expirySeconds"].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
                !(seconds > 0) || seconds > ConnectionOptions.MaxTime.TotalSeconds || operation != "open")
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid expiry", "expirySeconds is a number of seconds greater than 0 and at most 365 days, for open only.");
            }

            expiry = TimeSpan.FromSeconds(seconds);
        }

        var registry = Registry(context);
        if (!Find(registry, identifier, scope, out _, out var problem))
        {
            return problem!;
        }

        var done = operation switch
        {
            "open" => registry.Open(identifier, scope, reason, expiry),
            "close" => registry.Close(identifier, scope, reason),
            _ => registry.Reset(identifier, scope, reason),
        };

        return done && registry.TryGetStatus(identifier, scope, out var status)
            ? Json(writer => CircuitJson.WriteCircuit(writer, status))
            : Problem(StatusCodes.Status404NotFound, "Unknown circuit", $"{ConnectionRegistry.Describe(identifier, scope)} was removed meanwhile.");
    }

    private static bool Find(ConnectionRegistry registry, string identifier, string? scope, out ConnectionStatus? status, out IResult? problem)
    {
        status = null;
        problem = null;
        if (!ValidName(identifier, out var invalid))
        {
            problem = Problem(StatusCodes.Status400BadRequest, "Invalid connection identifier", $"The identifier {invalid}.");
            return false;
        }

        if (scope is not null && !ValidName(scope, out invalid))
        {
            problem = Problem(StatusCodes.Status400BadRequest, "Invalid scope", $"The scope {invalid}; omit it for an unscoped connection.");
            return false;
        }

        if (!registry.TryGetStatus(identifier, scope, out status))
        {
            problem = Problem(StatusCodes.Status404NotFound, "Unknown circuit", $"No connection {ConnectionRegistry.Describe(identifier, scope)} is registered.");
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a connection name the registry accepts; otherwise what is wrong with it.</summary>
    internal static bool ValidName(string name, out string problem)
    {
        problem = string.IsNullOrWhiteSpace(name) ? "is empty or white space"
            : name.Length > ConnectionRegistry.MaxNameLength ? $"has {name.Length} characters, more than {ConnectionRegistry.MaxNameLength}"
            : string.Empty;
        return problem.Length == 0;
    }

    internal static ConnectionRegistry Registry(HttpContext context) => context.RequestServices.GetRequiredService<ConnectionRegistry>();

    internal static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json; charset=utf-8");
    }
}
