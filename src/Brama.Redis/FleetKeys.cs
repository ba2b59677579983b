using System.IO.Hashing;
using System.Text;
using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>
/// The fleet's names in Redis, all under <c>brama:&lt;fleet&gt;:</c>: the channel of transitions, the hash of running
/// openings and one probe lease per connection. A connection is named in keys by a 64-bit hash of its identifier and
/// scope (the messages carry the names themselves), so no name can break a key.
/// </summary>
internal sealed class FleetKeys
{
    public FleetKeys(string fleetName)
    {
        Prefix = "brama:" + fleetName + ":";
        Channel = RedisChannel.Literal(Prefix + "transitions");
        Openings = Prefix + "openings";
    }

    public string Prefix { get; }

    public RedisChannel Channel { get; }

    /// <summary>Field <c>&lt;connection hash&gt;|&lt;instance&gt;</c> → the opening's message, while it runs.</summary>
    public RedisKey Openings { get; }

    public RedisKey Lease(string identifier, string? scope) => Prefix + "lease:" + Hash(identifier, scope);

    public static string Field(string identifier, string? scope, string instance) => Hash(identifier, scope) + "|" + instance;

    public static string FieldPrefix(string identifier, string? scope) => Hash(identifier, scope) + "|";

    private static string Hash(string identifier, string? scope)
    {
        // The scope's marker tells (id, null) from (id, "") and keeps "a" + "bc" apart from "ab" + "c".
        var text = identifier.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + identifier + (scope is null ? "\0" : "\u0001" + scope);
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
