using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Brama.Redis;

/// <summary>The fleet's instruments on the <c>Brama</c> meter, tagged with the fleet's name.</summary>
internal static class FleetTelemetry
{
    public const string FleetTag = "brama.fleet";

    private static readonly Meter Meter = new("Brama");

    public static Counter<long> Messages { get; } = Meter.CreateCounter<long>(
        "brama.fleet.messages", "{message}", "Fleet messages sent, received or ignored (tag brama.fleet.direction; ignored ones also brama.fleet.reason).");

    public static Counter<long> Outages { get; } = Meter.CreateCounter<long>(
        "brama.fleet.outages", "{outage}", "Times an instance lost its connection to the fleet's Redis.");

    public static Counter<long> Resyncs { get; } = Meter.CreateCounter<long>(
        "brama.fleet.resyncs", "{resync}", "Re-syncs of an instance with its fleet (at joining and after an outage).");

    public static void Message(string fleet, string direction, string? reason = null)
    {
        if (!Messages.Enabled)
        {
            return;
        }

        var tags = new TagList { { FleetTag, fleet }, { "brama.fleet.direction", direction } };
        if (reason is not null)
        {
            tags.Add("brama.fleet.reason", reason);
        }

        Messages.Add(1, tags);
    }

    public static void Outage(string fleet) => Outages.Add(1, new KeyValuePair<string, object?>(FleetTag, fleet));

    public static void Resync(string fleet) => Resyncs.Add(1, new KeyValuePair<string, object?>(FleetTag, fleet));
}
