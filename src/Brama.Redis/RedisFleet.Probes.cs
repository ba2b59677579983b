using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>One probe at a time for the fleet: a lease in Redis that expires if its holder dies.</summary>
public sealed partial class RedisFleet
{
    /// <inheritdoc/>
    public TimeSpan? HoldProbe(string identifier, string? scope)
    {
        if (!_connected || _disposed || _leases.ContainsKey((identifier, scope)))
        {
            return null; // the fleet cannot decide, or this instance holds the lease: probe here
        }

        if (_acquiring.TryAdd((identifier, scope), 0))
        {
            _ = Task.Run(() => AcquireLeaseAsync(identifier, scope));
        }

        return _options.ProbeHold;
    }

    private async Task AcquireLeaseAsync(string identifier, string? scope)
    {
        try
        {
            var won = await Database.StringSetAsync(_keys.Lease(identifier, scope), _options.InstanceId, _options.ProbeLease, When.NotExists).ConfigureAwait(false);
            if (!won || _disposed)
            {
                return;
            }

            _leases[(identifier, scope)] = 0;
            if (!_registry.ReleaseFleetProbe(identifier, scope))
            {
                await ReleaseLeaseAsync(identifier, scope).ConfigureAwait(false); // closed or reopened meanwhile
            }
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // The next ask finds Redis down (and probes locally) or asks again.
        }
        finally
        {
            _acquiring.TryRemove((identifier, scope), out _);
        }
    }
}
