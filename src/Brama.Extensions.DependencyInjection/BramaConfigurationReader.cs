using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Brama.Extensions.DependencyInjection;

/// <summary>The registry's options and connections after the configuration was laid over the code's set-up.</summary>
internal sealed record BramaConfiguration(BramaOptions Options, IReadOnlyList<ConnectionDefinition> Connections);

/// <summary>
/// Reads the <c>Brama</c> section by hand rather than through the binder, so that every problem is reported with its
/// full key, unknown keys (typos) are errors, and the immutable option records are built through their own validation.
/// </summary>
internal static class BramaConfigurationReader
{
    private const string ScopesKey = "Scopes";
    private const string MetadataKey = "Metadata";

    private static readonly string[] RootKeys = ["CleanupInterval", "EventQueueCapacity", "MaxDynamicScopes", "DynamicScopeIdleTimeout", "Defaults", "Connections"];

    // Every ConnectionOptions value the section can set, by its key (Metadata, a section, is read apart).
    private static readonly (string Key, Func<ConnectionOptions, string, ConnectionOptions> Apply)[] ConnectionSettings =
    [
        ("MaxAttempts", static (o, v) => o with { MaxAttempts = ParseInt(v) }),
        ("Expiry", static (o, v) => o with { Expiry = ParseTime(v) }),
        ("ExpiryStrategy", static (o, v) => o with { ExpiryStrategy = ParseStrategy(v) }),
        ("InitialExpiry", static (o, v) => o with { InitialExpiry = ParseTime(v) }),
        ("MaxExpiry", static (o, v) => o with { MaxExpiry = ParseTime(v) }),
        ("BackoffFactor", static (o, v) => o with { BackoffFactor = ParseDouble(v) }),
        ("HalfOpenMaxCalls", static (o, v) => o with { HalfOpenMaxCalls = ParseInt(v) }),
        ("SuccessesToClose", static (o, v) => o with { SuccessesToClose = ParseInt(v) }),
        ("ProbeTimeout", static (o, v) => o with { ProbeTimeout = ParseTime(v) }),
        ("InactivityTimeout", static (o, v) => o with { InactivityTimeout = ParseOptionalTime(v) }),
        ("FailureRatio", static (o, v) => o with { FailureRatio = IsOff(v) ? null : ParseDouble(v) }),
        ("MinimumThroughput", static (o, v) => o with { MinimumThroughput = ParseInt(v) }),
        ("SamplingDuration", static (o, v) => o with { SamplingDuration = ParseTime(v) }),
        ("SamplingCalls", static (o, v) => o with { SamplingCalls = IsOff(v) ? null : ParseInt(v) }),
        ("SlowCallDuration", static (o, v) => o with { SlowCallDuration = IsOff(v) ? null : ParseTime(v) }),
        ("SlowCallRatio", static (o, v) => o with { SlowCallRatio = ParseDouble(v) }),
        ("FleetWide", static (o, v) => o with { FleetWide = ParseBool(v) }),
    ];

    private static readonly string[] OptionKeys = [.. ConnectionSettings.Select(static o => o.Key), MetadataKey];

    public static BramaConfiguration Read(IConfiguration section, BramaOptions options, IReadOnlyList<ConnectionDefinition> code)
    {
        var errors = new List<KeyValuePair<string, string>>();
        IConfigurationSection? connectionsSection = null;
        foreach (var child in section.GetChildren())
        {
            switch (Canonical(child.Key, RootKeys))
            {
                case "CleanupInterval":
                    options = Apply(options, child, errors, static (o, v) => o with { CleanupInterval = ParseTime(v) });
                    break;
                case "EventQueueCapacity":
                    options = Apply(options, child, errors, static (o, v) => o with { EventQueueCapacity = ParseInt(v) });
                    break;
                case "MaxDynamicScopes":
                    options = Apply(options, child, errors, static (o, v) => o with { MaxDynamicScopes = ParseInt(v) });
                    break;
                case "DynamicScopeIdleTimeout":
                    options = Apply(options, child, errors, static (o, v) => o with { DynamicScopeIdleTimeout = ParseTime(v) });
                    break;
                case "Defaults" when IsSection(child, errors):
                    var defaults = ReadOptions(options.Defaults, child, errors, allowScopes: false);
                    options = options with { Defaults = defaults };
                    break;
                case "Connections" when IsSection(child, errors):
                    connectionsSection = child;
                    break;
                case "Defaults" or "Connections":
                    break;
                default:
                    errors.Add(Unknown(child, RootKeys));
                    break;
            }
        }

        var connections = new List<ConnectionDefinition>(code);
        if (connectionsSection is not null)
        {
            foreach (var entry in connectionsSection.GetChildren())
            {
                ReadConnection(entry, options.Defaults, connections, errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new BramaConfigurationException(errors);
        }

        return new BramaConfiguration(options, connections);
    }

    private static void ReadConnection(
        IConfigurationSection entry, ConnectionOptions defaults, List<ConnectionDefinition> connections, List<KeyValuePair<string, string>> errors)
    {
        if (!ValidName(entry, errors) || !IsSection(entry, errors))
        {
            return;
        }

        var identifier = entry.Key;
        var unscoped = ReadOptions(Find(connections, identifier, null)?.Options ?? defaults, entry, errors, allowScopes: true);
        if (entry.GetChildren().Any(static c => !c.Key.Equals(ScopesKey, StringComparison.OrdinalIgnoreCase)))
        {
            Upsert(connections, new ConnectionDefinition(identifier, null, unscoped));
        }

        var scopes = entry.GetSection(ScopesKey);
        if (!IsSection(scopes, errors))
        {
            return;
        }

        foreach (var scopeEntry in scopes.GetChildren())
        {
            if (!ValidName(scopeEntry, errors) || !IsSection(scopeEntry, errors))
            {
                continue;
            }

            var scoped = ReadOptions(Find(connections, identifier, scopeEntry.Key)?.Options ?? unscoped, scopeEntry, errors, allowScopes: false);
            Upsert(connections, new ConnectionDefinition(identifier, scopeEntry.Key, scoped));
        }
    }

    private static ConnectionOptions ReadOptions(
        ConnectionOptions options, IConfigurationSection section, List<KeyValuePair<string, string>> errors, bool allowScopes)
    {
        var inherited = options;
        foreach (var child in section.GetChildren())
        {
            if (allowScopes && child.Key.Equals(ScopesKey, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var key = Canonical(child.Key, OptionKeys);
            var setting = Array.FindIndex(ConnectionSettings, o => o.Key == key);
            options = setting >= 0 ? Apply(options, child, errors, ConnectionSettings[setting].Apply)
                : key == MetadataKey ? (IsSection(child, errors) ? ReadMetadata(options, child, errors) : options)
                : Fail(options, errors, Unknown(child, allowScopes ? [.. OptionKeys, ScopesKey] : OptionKeys));
        }

        try
        {
            options.Validate(section.Path);
        }
        catch (ArgumentException e)
        {
            errors.Add(new(section.Path, Clean(e)));
            return inherited;
        }

        return options;
    }

    private static ConnectionOptions ReadMetadata(ConnectionOptions options, IConfigurationSection section, List<KeyValuePair<string, string>> errors)
    {
        var metadata = new Dictionary<string, string>(options.Metadata, StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            if (entry.Value is null)
            {
                errors.Add(new(entry.Path, "Metadata values must be text, not sections."));
                continue;
            }

            metadata[entry.Key] = entry.Value;
        }

        return options with { Metadata = metadata };
    }

    private static T Apply<T>(T target, IConfigurationSection child, List<KeyValuePair<string, string>> errors, Func<T, string, T> apply)
    {
        if (child.Value is null)
        {
            errors.Add(new(child.Path, "Must be a single value, not a section."));
            return target;
        }

        try
        {
            return apply(target, child.Value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors.Add(new(child.Path, $"{Clean(e)} Value: '{child.Value}'."));
            return target;
        }
    }

    private static T Fail<T>(T target, List<KeyValuePair<string, string>> errors, KeyValuePair<string, string> error)
    {
        errors.Add(error);
        return target;
    }

    private static bool IsSection(IConfigurationSection section, List<KeyValuePair<string, string>> errors)
    {
        // Some providers give the parents of their keys an empty value (WebApplicationFactory's settings do).
        if (string.IsNullOrEmpty(section.Value))
        {
            return true;
        }

        errors.Add(new(section.Path, $"Must be a section, not a single value. Value: '{section.Value}'."));
        return false;
    }

    private static bool ValidName(IConfigurationSection entry, List<KeyValuePair<string, string>> errors)
    {
        if (ConnectionNames.Problem(entry.Key) is { } problem)
        {
            errors.Add(new(entry.Path, $"A connection name {problem}."));
            return false;
        }

        return true;
    }

    private static KeyValuePair<string, string> Unknown(IConfigurationSection child, string[] expected) =>
        new(child.Path, $"Unknown setting. Expected one of: {string.Join(", ", expected)}.");

    private static string? Canonical(string key, string[] known) =>
        Array.Find(known, k => k.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static ConnectionDefinition? Find(List<ConnectionDefinition> connections, string identifier, string? scope) =>
        connections.Find(c => c.Identifier == identifier && c.Scope == scope);

    private static void Upsert(List<ConnectionDefinition> connections, ConnectionDefinition definition)
    {
        var index = connections.FindIndex(c => c.Identifier == definition.Identifier && c.Scope == definition.Scope);
        if (index >= 0)
        {
            connections[index] = definition;
        }
        else
        {
            connections.Add(definition);
        }
    }

    private static string Clean(Exception e)
    {
        // ArgumentException appends " (Parameter 'x')" and the actual value; the key already names both.
        var message = e.Message.Split('\n')[0].TrimEnd('\r');
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? message[..parameter] : message;
    }

    private static int ParseInt(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException("Not a whole number.");

    private static double ParseDouble(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException("Not a number.");

    private static TimeSpan ParseTime(string value) =>
        value.Contains(':', StringComparison.Ordinal) &&
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var time)
            ? time
            : throw new FormatException("Not a time span; write hh:mm:ss or d.hh:mm:ss (e.g. 00:00:30).");

    // A rule or window the defaults turn on can be turned off again for one connection.
    private static bool ParseBool(string value) =>
        bool.TryParse(value, out var flag) ? flag : throw new FormatException("Expected true or false.");

    private static bool IsOff(string value) => value.Equals("Off", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan? ParseOptionalTime(string value) =>
        value.Equals("Never", StringComparison.OrdinalIgnoreCase) ? null : ParseTime(value);

    private static ExpiryStrategy ParseStrategy(string value) =>
        !value.Any(char.IsDigit) && Enum.TryParse<ExpiryStrategy>(value, ignoreCase: true, out var strategy)
            ? strategy
            : throw new FormatException("Expected Fixed or Progressive.");
}
