using StackExchange.Redis;

namespace Brama.Redis;

/// <summary>Outages and re-syncs: adopting the fleet's running openings and publishing this instance's own.</summary>
public sealed partial class RedisFleet
{
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => Lost(e.FailureType.ToString());

    // Both connections (commands and subscription) report; a re-sync runs after each, so the last one sees both up.
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Found();

    private void Lost(string failure)
    {
        if (_disposed || !_connected)
        {
            return;
        }

        _connected = false;
        Interlocked.Increment(ref _outages);
        FleetTelemetry.Outage(_options.FleetName);
        FleetLog.Outage(_logger, _options.FleetName, _options.InstanceId, failure);
    }

    private void Found()
    {
        if (_disposed || _redis is not { IsConnected: true })
        {
            return;
        }

        if (!_connected)
        {
            _connected = true;
            FleetLog.Reconnected(_logger, _options.FleetName, _options.InstanceId);
        }

        RequestSync();
    }

    /// <summary>
    /// Besides the client's events (which do not report a first connection made after a failed start), looks at the
    /// connection twice a second, on the real clock: Redis's time, not the registry's.
    /// </summary>
    private async Task WatchAsync()
    {
        while (!_disposed)
        {
            try
            {
                await Task.Delay(WatchInterval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            switch (_redis)
            {
                case { IsConnected: true } when !_connected:
                    Found();
                    break;
                case { IsConnected: false } when _connected:
                    Lost("no connection");
                    break;
            }
        }
    }

    /// <summary>Runs a re-sync now, or once more after the one running, until one succeeds or Redis goes away again.</summary>
    private void RequestSync()
    {
        if (Interlocked.Increment(ref _syncRequests) == 1)
        {
            _ = Task.Run(SyncLoopAsync);
        }
    }

    private async Task SyncLoopAsync()
    {
        int requests;
        do
        {
            requests = Volatile.Read(ref _syncRequests);
            for (var attempt = 0; attempt < 40 && _connected && !_disposed && !await TrySyncAsync().ConfigureAwait(false); attempt++)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
        while (Interlocked.Add(ref _syncRequests, -requests) > 0);
    }

    /// <summary>
    /// Subscribes when not yet subscribed and waits for the subscription to be up (so nothing published from now on is
    /// missed), adopts the fleet's running openings from the hash, then publishes this instance's own. False on failure.
    /// </summary>
    private async Task<bool> TrySyncAsync()
    {
        await _syncing.WaitAsync().ConfigureAwait(false);
        try
        {
            var subscriber = _redis!.GetSubscriber();
            if (!_subscribed)
            {
                await subscriber.SubscribeAsync(_keys.Channel, OnMessage).ConfigureAwait(false);
                _subscribed = true;
            }

            if (!subscriber.IsConnected(_keys.Channel))
            {
                return false;
            }

            var adopted = await AdoptRunningOpeningsAsync().ConfigureAwait(false);
            var published = await PublishOwnOpeningsAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _resyncs);
            Interlocked.Exchange(ref _lastResyncTicks, _registry.TimeProvider.GetUtcNow().UtcTicks);
            FleetTelemetry.Resync(_options.FleetName);
            FleetLog.Resynced(_logger, _options.FleetName, _options.InstanceId, adopted, published);
            return true;
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            FleetLog.ResyncFailed(_logger, _options.FleetName, _options.InstanceId, exception.GetType().Name);
            return false;
        }
        finally
        {
            _syncing.Release();
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
