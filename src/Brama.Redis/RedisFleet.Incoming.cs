using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>Receiving: the other instances' transitions and operators' commands, checked and applied; the quorum.</summary>
public sealed partial class RedisFleet
{
    private readonly Dictionary<(string Identifier, string? Scope), Dictionary<string, long>> _openers = [];
    private long _lastIgnoredLogTicks;

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        if (_disposed)
        {
            return;
        }

        if (!FleetMessage.TryParse(value.IsNull ? default : ((ReadOnlyMemory<byte>)value).Span, _options.MaxMessageBytes, out var message, out var problem))
        {
            Ignore(problem);
            return;
        }

        if (IsOwn(message!.Origin))
        {
            return; // our own message (a transition or an operator command sent from here), back from the channel
        }

        Interlocked.Increment(ref _received);
        FleetTelemetry.Message(_options.FleetName, "received");
        Apply(message, message.RemainingMilliseconds);
    }

    /// <summary>Applies a message with <paramref name="remainingMilliseconds"/> of its opening left; false when a quorum is still missing.</summary>
    private bool Apply(FleetMessage message, long remainingMilliseconds)
    {
        try
        {
            if (message.Kind == FleetTransitionKind.Opened)
            {
                if (remainingMilliseconds <= 0)
                {
                    return false;
                }

                if (!message.IsManual && CountOpening(message.Identifier, message.Scope, message.Origin, message.SentAtUnixMilliseconds) < _options.Quorum)
                {
                    return false;
                }
            }
            else
            {
                ForgetOpenings(message.Identifier, message.Scope);
                _leases.TryRemove((message.Identifier, message.Scope), out _);
            }

            _registry.ApplyFleetTransition(message.ToTransition(remainingMilliseconds));
            return true;
        }
        catch (ArgumentException)
        {
            Ignore("invalid values");
            return false;
        }
    }

    /// <summary>Counts an instance's opening of a connection; returns how many instances opened it within the quorum period.</summary>
    private int CountOpening(string identifier, string? scope, string instance, long atUnixMilliseconds)
    {
        var oldest = NowUnixMilliseconds - (long)_options.QuorumPeriod.TotalMilliseconds;
        lock (_openers)
        {
            if (!_openers.TryGetValue((identifier, scope), out var openers))
            {
                _openers[(identifier, scope)] = openers = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            openers[instance] = Math.Max(openers.GetValueOrDefault(instance), atUnixMilliseconds);
            foreach (var (name, at) in openers.ToList())
            {
                if (at < oldest)
                {
                    openers.Remove(name);
                }
            }

            return openers.Count;
        }
    }

    private void ForgetOpenings(string identifier, string? scope)
    {
        lock (_openers)
        {
            _openers.Remove((identifier, scope));
        }
    }

    private bool IsOwn(string origin) =>
        string.Equals(origin, _options.InstanceId, StringComparison.Ordinal) || string.Equals(origin, OperatorOrigin, StringComparison.Ordinal);

    private void Ignore(string reason)
    {
        Interlocked.Increment(ref _ignored);
        Volatile.Write(ref _lastIgnoredReason, reason);
        FleetTelemetry.Message(_options.FleetName, "ignored", reason);

        // At most one line per ten seconds: a flood of bad messages must not flood the log too.
        var now = _registry.TimeProvider.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastIgnoredLogTicks);
        if (now - last >= TimeSpan.TicksPerSecond * 10 && Interlocked.CompareExchange(ref _lastIgnoredLogTicks, now, last) == last)
        {
            FleetLog.Ignored(_logger, _options.FleetName, reason);
        }
    }
}
