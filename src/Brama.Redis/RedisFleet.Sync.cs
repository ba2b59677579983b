using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>Outages and re-syncs: adopting the fleet's running openings and publishing this instance's own.</summary>
public sealed partial class RedisFleet
{
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (_disposed || e.ConnectionType != ConnectionType.Interactive || !_connected)
        {
            return;
        }

        _connected = false;
        Interlocked.Increment(ref _outages);
        FleetTelemetry.Outage(_options.FleetName);
        FleetLog.Outage(_logger, _options.FleetName, _options.InstanceId, e.FailureType.ToString());
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (_disposed || e.ConnectionType != ConnectionType.Interactive || _redis is not { IsConnected: true })
        {
            return;
        }

        var wasConnected = _connected;
        _connected = true;
        if (!wasConnected)
        {
            FleetLog.Reconnected(_logger, _options.FleetName, _options.InstanceId);
        }

        _ = Task.Run(SyncAsync);
    }

    /// <summary>Subscribes when not yet subscribed, adopts the fleet's running openings, then publishes this instance's own.</summary>
    private async Task SyncAsync()
    {
        if (_disposed || !await _syncing.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (!_subscribed)
            {
                await _redis!.GetSubscriber().SubscribeAsync(_keys.Channel, OnMessage).ConfigureAwait(false);
                _subscribed = true;
            }

            var adopted = await AdoptRunningOpeningsAsync().ConfigureAwait(false);
            var published = await PublishOwnOpeningsAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _resyncs);
            Interlocked.Exchange(ref _lastResyncTicks, _registry.TimeProvider.GetUtcNow().UtcTicks);
            FleetTelemetry.Resync(_options.FleetName);
            FleetLog.Resynced(_logger, _options.FleetName, _options.InstanceId, adopted, published);
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            FleetLog.ResyncFailed(_logger, _options.FleetName, _options.InstanceId, exception.GetType().Name);
        }
        finally
        {
            if (!_disposed)
            {
                _syncing.Release();
            }
        }
    }

    private async Task<int> AdoptRunningOpeningsAsync()
    {
        var now = NowUnixMilliseconds;
        var adopted = 0;
        var stale = new List<RedisValue>();
        foreach (var entry in await Database.HashGetAllAsync(_keys.Openings).ConfigureAwait(false))
        {
            if (!FleetMessage.TryParse(((ReadOnlyMemory<byte>)entry.Value).Span, _options.MaxMessageBytes, out var message, out var problem))
            {
                Ignore(problem);
                stale.Add(entry.Name);
                continue;
            }

            var left = message!.UntilUnixMilliseconds - now;
            if (left <= 0)
            {
                stale.Add(entry.Name);
            }
            else if (Apply(message, left)) // our own too: a restarted instance with the same id gets its opening back
            {
                adopted++;
            }
        }

        if (stale.Count > 0)
        {
            await Database.HashDeleteAsync(_keys.Openings, [.. stale]).ConfigureAwait(false);
        }

        return adopted;
    }

    private async Task<int> PublishOwnOpeningsAsync()
    {
        var published = 0;
        foreach (var status in _registry.Connections)
        {
            if (status is { State: CircuitState.Open, FleetOrigin: null, RetryAfter: { } left } && status.Options.FleetWide && left > TimeSpan.Zero)
            {
                var message = new FleetMessage(FleetTransitionKind.Opened, status.Identifier, status.Scope, _options.InstanceId, status.LastReason,
                    (long)Math.Ceiling(left.TotalMilliseconds), IsManual: false, NowUnixMilliseconds);
                if (await SendAsync(message).ConfigureAwait(false))
                {
                    published++;
                }
            }
        }

        return published;
    }
}
