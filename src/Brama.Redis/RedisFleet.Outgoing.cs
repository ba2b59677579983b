using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>Sending: this instance's own transitions of fleet-wide circuits, and operator commands.</summary>
public sealed partial class RedisFleet
{
    // Deletes every field of one connection's running openings (all instances and operators).
    private const string DeleteOpeningsScript = """
        local removed = 0
        for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
          if string.sub(field, 1, string.len(ARGV[1])) == ARGV[1] then
            removed = removed + redis.call('HDEL', KEYS[1], field)
          end
        end
        return removed
        """;

    // Gives a lease back only if this instance still holds it (it may have expired and gone to another).
    private const string ReleaseLeaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>
    /// Opens a fleet-wide connection on every instance of the fleet, including those that join while the command holds,
    /// with <paramref name="reason"/>: for <paramref name="expiry"/>, or until closed when null (an isolation). Applied
    /// here at once; true when it reached Redis, false when Redis did not answer (then only this instance opened).
    /// </summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or null.</param>
    /// <param name="reason">Why, as events and logs will say; at most 1 024 characters.</param>
    /// <param name="expiry">How long the circuit stays open; null until closed.</param>
    /// <exception cref="ArgumentException">A name or the reason is invalid, or the expiry is not positive.</exception>
    public Task<bool> OpenAsync(string identifier, string? scope = null, string? reason = null, TimeSpan? expiry = null)
    {
        var remaining = expiry ?? ConnectionOptions.MaxTime;
        if (remaining <= TimeSpan.Zero || remaining > ConnectionOptions.MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, "Must be greater than zero and at most 365 days.");
        }

        return CommandAsync(FleetTransitionKind.Opened, identifier, scope, reason, (long)remaining.TotalMilliseconds);
    }

    /// <summary>Closes a fleet-wide connection on every instance of the fleet (see <see cref="OpenAsync"/>).</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or null.</param>
    /// <param name="reason">Why; at most 1 024 characters.</param>
    /// <exception cref="ArgumentException">A name or the reason is invalid.</exception>
    public Task<bool> CloseAsync(string identifier, string? scope = null, string? reason = null) =>
        CommandAsync(FleetTransitionKind.Closed, identifier, scope, reason, 0);

    /// <summary>Resets a fleet-wide connection on every instance of the fleet: closed, openings 0 (see <see cref="OpenAsync"/>).</summary>
    /// <param name="identifier">The connection identifier.</param>
    /// <param name="scope">The scope, or null.</param>
    /// <param name="reason">Why; at most 1 024 characters.</param>
    /// <exception cref="ArgumentException">A name or the reason is invalid.</exception>
    public Task<bool> ResetAsync(string identifier, string? scope = null, string? reason = null) =>
        CommandAsync(FleetTransitionKind.Reset, identifier, scope, reason, 0);

    private async Task<bool> CommandAsync(FleetTransitionKind kind, string identifier, string? scope, string? reason, long remainingMilliseconds)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (reason?.Length > 1024)
        {
            throw new ArgumentException("A reason must have at most 1024 characters.", nameof(reason));
        }

        var message = new FleetMessage(kind, identifier, scope, OperatorOrigin, reason, remainingMilliseconds, IsManual: true, NowUnixMilliseconds);
        _registry.ApplyFleetTransition(message.ToTransition(remainingMilliseconds)); // validates the names first
        return await SendAsync(message).ConfigureAwait(false);
    }

    /// <summary>Sends one message: an opening is also kept in the fleet's hash for instances that join later; a close or reset removes them.</summary>
    private async Task<bool> SendAsync(FleetMessage message)
    {
        if (_redis is null || !_connected)
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }

        try
        {
            var json = message.ToJson();
            var database = Database;
            if (message.Kind == FleetTransitionKind.Opened)
            {
                await database.HashSetAsync(_keys.Openings, FleetKeys.Field(message.Identifier, message.Scope, message.Origin), json).ConfigureAwait(false);
            }
            else
            {
                await database.ScriptEvaluateAsync(DeleteOpeningsScript, [_keys.Openings], [FleetKeys.FieldPrefix(message.Identifier, message.Scope)]).ConfigureAwait(false);
            }

            await _redis.GetSubscriber().PublishAsync(_keys.Channel, json).ConfigureAwait(false);
            Interlocked.Increment(ref _sent);
            FleetTelemetry.Message(_options.FleetName, "sent");
            return true;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            Interlocked.Increment(ref _sendFailures);
            return false;
        }
    }

    private async Task ReleaseLeaseAsync(string identifier, string? scope)
    {
        if (!_leases.TryRemove((identifier, scope), out _) || _redis is null || !_connected)
        {
            return;
        }

        try
        {
            await Database.ScriptEvaluateAsync(ReleaseLeaseScript, [_keys.Lease(identifier, scope)], [_options.InstanceId]).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // The lease expires by itself.
        }
    }

    /// <summary>This instance's own transitions of fleet-wide circuits, from the registry's events (off the call path, in order).</summary>
    private sealed class TransitionSender(RedisFleet fleet) : IBramaEventHandler
    {
        public async ValueTask HandleAsync(BramaEvent bramaEvent, CancellationToken cancellationToken)
        {
            if (!fleet._registry.TryGetStatus(bramaEvent.Connection, bramaEvent.Scope, out var status) || !status.Options.FleetWide)
            {
                return;
            }

            var kind = bramaEvent.Type switch
            {
                EventType.CircuitOpened => FleetTransitionKind.Opened,
                EventType.CircuitClosed => FleetTransitionKind.Closed,
                _ => FleetTransitionKind.Reset,
            };
            var remaining = kind == FleetTransitionKind.Opened ? (long)Math.Ceiling((bramaEvent.Data.RetryAfter ?? TimeSpan.Zero).TotalMilliseconds) : 0;
            if (kind == FleetTransitionKind.Opened && remaining <= 0)
            {
                return;
            }

            if (kind == FleetTransitionKind.Opened)
            {
                fleet.CountOpening(bramaEvent.Connection, bramaEvent.Scope, fleet._options.InstanceId, fleet.NowUnixMilliseconds);
            }

            var message = new FleetMessage(kind, bramaEvent.Connection, bramaEvent.Scope, fleet._options.InstanceId, bramaEvent.Data.Reason, remaining, bramaEvent.Data.IsManual, fleet.NowUnixMilliseconds);
            await fleet.SendAsync(message).ConfigureAwait(false);

            // A probe this instance ran for the fleet has its answer: give the lease back.
            if (bramaEvent.Data.PreviousState == CircuitState.HalfOpen)
            {
                await fleet.ReleaseLeaseAsync(bramaEvent.Connection, bramaEvent.Scope).ConfigureAwait(false);
            }
        }
    }
}
