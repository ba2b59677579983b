namespace Brama;

/// <summary>Status: snapshots of the connection, taken after any due transition.</summary>
public sealed partial class Connection
{
    /// <summary>A snapshot of the connection, taken after any due expiry or probe timeout was applied.</summary>
    public ConnectionStatus GetStatus()
    {
        var now = _time.GetTimestamp();
        lock (Gate)
        {
            ApplyDueTransitionsLocked(now);
            var state = CurrentState;
            var window = _extras?.RateRule?.Counts(now) ?? default;
            return new ConnectionStatus
            {
                Identifier = Identifier,
                Scope = Scope,
                State = state,
                FailureCount = _failureCount,
                ConsecutiveOpenings = _openings,
                ProbesInFlight = _probes.Count,
                OpenedAt = state == CircuitState.Closed ? null : FromUtcTicks(_openedAtTicks),
                ExpiresAt = state == CircuitState.Open ? FromUtcTicks(_openedAtTicks) + _openDuration : null,
                RetryAfter = state == CircuitState.Open ? RetryAfterLocked(now) : null,
                LastSuccessAt = FromUtcTicks(Volatile.Read(ref _lastSuccessTicks)),
                LastFailureAt = FromUtcTicks(_lastFailureTicks),
                LastReason = _lastReason,
                Options = _options,
                OverriddenDeclarations = _extras?.OverriddenDeclarations ?? [],
                IsDynamicScope = IsDynamicScope,
                SampledCalls = window.Calls,
                SampledFailures = window.Failures,
                SampledSlowCalls = window.SlowCalls,
                FailureRate = window.FailureRate,
                SlowCallRate = window.SlowCallRate,
                FleetOrigin = _extras?.FleetOrigin,
            };
        }
    }

    private TimeSpan RetryAfterLocked(long now) => now < _expiresAt ? _time.GetElapsedTime(now, _expiresAt) : TimeSpan.Zero;

    private static DateTimeOffset? FromUtcTicks(long ticks) => ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
