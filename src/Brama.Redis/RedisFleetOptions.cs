using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Brama.Redis;

/// <summary>
/// How an instance joins a fleet over Redis. Validated when the fleet is created: a bad value is an
/// <see cref="ArgumentException"/> naming the option.
/// </summary>
public sealed partial record RedisFleetOptions
{
    /// <summary>The fleet's name: every key and channel is under <c>brama:&lt;name&gt;:</c>. Letters, digits, <c>-_.</c>; 1 to 64.</summary>
    public required string FleetName { get; init; }

    /// <summary>
    /// The StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true,user=…</c>): credentials and
    /// TLS come from it. <c>abortConnect=false</c> is always applied, so a fleet can start while Redis is down.
    /// </summary>
    public required string Configuration { get; init; }

    /// <summary>This instance's name in the fleet, unique among its members. Default: machine name, process id and a random suffix.</summary>
    public string InstanceId { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// How many instances must have opened a circuit within <see cref="QuorumPeriod"/> before the others adopt the
    /// opening (against one bad node poisoning the good ones). Default 1: the first opening travels. Operator commands
    /// never wait for a quorum.
    /// </summary>
    public int Quorum { get; init; } = 1;

    /// <summary>The period within which openings count toward <see cref="Quorum"/>. Default 30 s.</summary>
    public TimeSpan QuorumPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the instance that probes for the fleet holds its lease: if it dies or its probe never completes, another
    /// instance may probe after this. Should exceed the probe timeout. Default 15 s.
    /// </summary>
    public TimeSpan ProbeLease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an instance that did not get the lease keeps its circuit open before asking again. Default 1 s.</summary>
    public TimeSpan ProbeHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages larger than this are ignored (and counted). Default 4 096 bytes.</summary>
    public int MaxMessageBytes { get; init; } = 4096;

    /// <summary>Where outages, reconnections, re-syncs and ignored messages are logged. Default none.</summary>
    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        if (FleetName is null || !FleetNamePattern().IsMatch(FleetName))
        {
            throw new ArgumentException("FleetName must be 1 to 64 letters, digits, '-', '_' or '.'.", nameof(FleetName));
        }

        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw new ArgumentException("Configuration must be a StackExchange.Redis configuration string such as 'localhost:6379'.", nameof(Configuration));
        }

        if (string.IsNullOrWhiteSpace(InstanceId) || InstanceId.Length > 128)
        {
            throw new ArgumentException("InstanceId must not be blank and must have at most 128 characters.", nameof(InstanceId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Quorum, 1, nameof(Quorum));
        Positive(QuorumPeriod, nameof(QuorumPeriod));
        Positive(ProbeLease, nameof(ProbeLease));
        Positive(ProbeHold, nameof(ProbeHold));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageBytes, 512, nameof(MaxMessageBytes));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be greater than zero and at most one day.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FleetNamePattern();
}
