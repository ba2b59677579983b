namespace Brama;

/// <summary>How long an open circuit stays open before a probe is allowed.</summary>
public enum ExpiryStrategy
{
    /// <summary>Every opening lasts <c>ConnectionOptions.Expiry</c>.</summary>
    Fixed = 0,

    /// <summary>
    /// The k-th consecutive opening lasts <c>min(MaxExpiry, InitialExpiry × BackoffFactor^(k−1))</c>.
    /// </summary>
    Progressive = 1,
}
