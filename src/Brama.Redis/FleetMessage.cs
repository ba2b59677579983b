using System.Buffers;
using System.Text.Json;

namespace Brama.Redis;

/// <summary>
/// One message of the fleet protocol (docs/fleet.md): a transition of a fleet-wide circuit or an operator command, as
/// JSON on the fleet's channel and as the value of a running opening in its hash. Parsed strictly; anything else is
/// refused with a reason, never trusted.
/// </summary>
internal sealed record FleetMessage(
    FleetTransitionKind Kind,
    string Identifier,
    string? Scope,
    string Origin,
    string? Reason,
    long RemainingMilliseconds,
    bool IsManual,
    long SentAtUnixMilliseconds)
{
    public const int SchemaVersion = 1;
    private const int MaxReasonLength = 1024;
    private const int MaxOriginLength = 128;

    /// <summary>When the opening it carries ends, on the sender's clock (Unix milliseconds).</summary>
    public long UntilUnixMilliseconds => SentAtUnixMilliseconds + RemainingMilliseconds;

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", SchemaVersion);
            json.WriteString("type", Kind switch
            {
                FleetTransitionKind.Opened => "opened",
                FleetTransitionKind.Closed => "closed",
                _ => "reset",
            });
            json.WriteString("id", Identifier);
            if (Scope is null)
            {
                json.WriteNull("scope");
            }
            else
            {
                json.WriteString("scope", Scope);
            }

            json.WriteString("from", Origin);
            if (Reason is not null)
            {
                json.WriteString("reason", Reason.Length > MaxReasonLength ? Reason[..MaxReasonLength] : Reason);
            }

            json.WriteNumber("remainingMs", RemainingMilliseconds);
            json.WriteBoolean("manual", IsManual);
            json.WriteNumber("at", SentAtUnixMilliseconds);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a message; false with the reason it was refused (too large, malformed, another schema version, invalid values).</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, int maxBytes, out FleetMessage? message, out string problem)
    {
        message = null;
        if (payload.Length > maxBytes)
        {
            problem = "too large";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "malformed";
                return false;
            }

            if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != SchemaVersion)
            {
                problem = "schema version";
                return false;
            }

            var kind = Text(root, "type") switch
            {
                "opened" => FleetTransitionKind.Opened,
                "closed" => FleetTransitionKind.Closed,
                "reset" => FleetTransitionKind.Reset,
                _ => (FleetTransitionKind?)null,
            };
            var identifier = Text(root, "id");
            var origin = Text(root, "from");
            var scope = root.TryGetProperty("scope", out var scopeElement) && scopeElement.ValueKind == JsonValueKind.String ? scopeElement.GetString() : null;
            var reason = Text(root, "reason");
            if (kind is null || !IsName(identifier) || (scope is not null && !IsName(scope)) ||
                string.IsNullOrWhiteSpace(origin) || origin.Length > MaxOriginLength || reason?.Length > MaxReasonLength ||
                !TryLong(root, "remainingMs", out var remaining) || !TryLong(root, "at", out var at) ||
                !root.TryGetProperty("manual", out var manual) || manual.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ||
                (kind == FleetTransitionKind.Opened && (remaining <= 0 || remaining > (long)ConnectionOptions.MaxTime.TotalMilliseconds)))
            {
                problem = "invalid values";
                return false;
            }

            message = new FleetMessage(kind.Value, identifier!, scope, origin, reason, remaining, manual.GetBoolean(), at);
            problem = string.Empty;
            return true;
        }
        catch (JsonException)
        {
            problem = "malformed";
            return false;
        }
    }

    /// <summary>The transition this message brings to a registry, with <paramref name="remainingMilliseconds"/> of its break left.</summary>
    public FleetTransition ToTransition(long remainingMilliseconds) => new(
        Identifier,
        Scope,
        Kind,
        Origin,
        Reason,
        Kind == FleetTransitionKind.Opened ? TimeSpan.FromMilliseconds(remainingMilliseconds) : null,
        IsManual);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String ? element.GetString() : null;

    private static bool TryLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private static bool IsName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= ConnectionRegistry.MaxNameLength;
}
