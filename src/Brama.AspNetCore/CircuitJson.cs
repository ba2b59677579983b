using System.Text.Json;

namespace Brama.AspNetCore;

/// <summary>
/// The JSON of the endpoints (docs/dashboard.md has the schema): a circuit's status and an event, written field by
/// field so that the schema is this file and nothing else (no reflection, trimming-safe). Times are ISO 8601 UTC,
/// durations seconds.
/// </summary>
internal static class CircuitJson
{
    public static void WriteCircuit(Utf8JsonWriter json, ConnectionStatus status)
    {
        json.WriteStartObject();
        json.WriteString("identifier", status.Identifier);
        WriteNullable(json, "scope", status.Scope);
        json.WriteString("state", status.State.ToString());
        json.WriteNumber("failureCount", status.FailureCount);
        json.WriteNumber("consecutiveOpenings", status.ConsecutiveOpenings);
        json.WriteNumber("probesInFlight", status.ProbesInFlight);
        WriteTime(json, "openedAt", status.OpenedAt);
        WriteTime(json, "expiresAt", status.ExpiresAt);
        WriteSeconds(json, "retryAfterSeconds", status.RetryAfter);
        WriteTime(json, "lastSuccessAt", status.LastSuccessAt);
        WriteTime(json, "lastFailureAt", status.LastFailureAt);
        WriteNullable(json, "lastReason", status.LastReason);
        json.WriteBoolean("isDynamicScope", status.IsDynamicScope);
        WriteNullable(json, "fleetOrigin", status.FleetOrigin);

        json.WriteStartObject("window");
        json.WriteNumber("sampledCalls", status.SampledCalls);
        json.WriteNumber("sampledFailures", status.SampledFailures);
        json.WriteNumber("sampledSlowCalls", status.SampledSlowCalls);
        json.WriteNumber("failureRate", status.FailureRate);
        json.WriteNumber("slowCallRate", status.SlowCallRate);
        json.WriteEndObject();

        var options = status.Options;
        json.WriteStartObject("options");
        json.WriteNumber("maxAttempts", options.MaxAttempts);
        json.WriteString("expiryStrategy", options.ExpiryStrategy.ToString());
        WriteSeconds(json, "expirySeconds", options.Expiry);
        WriteSeconds(json, "initialExpirySeconds", options.InitialExpiry);
        WriteSeconds(json, "maxExpirySeconds", options.MaxExpiry);
        json.WriteNumber("backoffFactor", options.BackoffFactor);
        json.WriteNumber("halfOpenMaxCalls", options.HalfOpenMaxCalls);
        json.WriteNumber("successesToClose", options.SuccessesToClose);
        WriteSeconds(json, "probeTimeoutSeconds", options.ProbeTimeout);
        WriteSeconds(json, "inactivityTimeoutSeconds", options.InactivityTimeout);
        if (options.FailureRatio is { } ratio)
        {
            json.WriteNumber("failureRatio", ratio);
        }
        else
        {
            json.WriteNull("failureRatio");
        }

        json.WriteNumber("minimumThroughput", options.MinimumThroughput);
        WriteSeconds(json, "samplingDurationSeconds", options.SamplingCalls is null ? options.SamplingDuration : null);
        if (options.SamplingCalls is { } calls)
        {
            json.WriteNumber("samplingCalls", calls);
        }
        else
        {
            json.WriteNull("samplingCalls");
        }

        WriteSeconds(json, "slowCallDurationSeconds", options.SlowCallDuration);
        json.WriteNumber("slowCallRatio", options.SlowCallRatio);
        json.WriteBoolean("fleetWide", options.FleetWide);
        json.WriteEndObject();

        json.WriteStartObject("metadata");
        foreach (var (key, value) in status.Metadata.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteEvent(Utf8JsonWriter json, BramaEvent bramaEvent)
    {
        var data = bramaEvent.Data;
        json.WriteStartObject();
        json.WriteString("type", bramaEvent.Type.ToString());
        json.WriteString("timestamp", bramaEvent.Timestamp.UtcDateTime);
        json.WriteString("connection", bramaEvent.Connection);
        WriteNullable(json, "scope", bramaEvent.Scope);
        json.WriteString("previousState", data.PreviousState.ToString());
        json.WriteString("newState", data.NewState.ToString());
        WriteNullable(json, "reason", data.Reason);
        json.WriteNumber("failureCount", data.FailureCount);
        json.WriteNumber("openings", data.Openings);
        WriteSeconds(json, "retryAfterSeconds", data.RetryAfter);
        json.WriteBoolean("isManual", data.IsManual);
        WriteNullable(json, "trippedBy", data.TrippedBy?.ToString());
        WriteNullable(json, "fleetOrigin", data.FleetOrigin);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, time.UtcDateTime);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteSeconds(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is { } time)
        {
            json.WriteNumber(name, Math.Round(time.TotalSeconds, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
