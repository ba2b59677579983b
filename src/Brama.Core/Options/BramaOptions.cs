namespace Brama;

/// <summary>Registry-wide options: the defaults of new connections and the status manager's sweep interval.</summary>
public sealed record BramaOptions
{
    private readonly ConnectionOptions _defaults = ConnectionOptions.Default;
    private readonly TimeSpan _cleanupInterval = TimeSpan.FromSeconds(10);

    /// <summary>The defaults: <see cref="ConnectionOptions.Default"/> and a 10 s cleanup interval.</summary>
    public static BramaOptions Default { get; } = new();

    /// <summary>Options of connections registered without their own.</summary>
    public ConnectionOptions Defaults
    {
        get => _defaults;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Defaults));
            value.Validate(nameof(Defaults));
            _defaults = value;
        }
    }

    /// <summary>How often the status manager sweeps: expiries, stuck probes, idle connections. Default 10 s.</summary>
    public TimeSpan CleanupInterval
    {
        get => _cleanupInterval;
        init => _cleanupInterval = value > TimeSpan.Zero && value <= ConnectionOptions.MaxTime
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CleanupInterval), value, "Must be greater than zero and at most 365 days.");
    }
}
