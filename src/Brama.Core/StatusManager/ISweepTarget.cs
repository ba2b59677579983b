namespace Brama;

/// <summary>What the <see cref="StatusManager"/> sweeps on every tick.</summary>
internal interface ISweepTarget
{
    /// <summary>Runs one sweep. Called on a timer thread; never concurrently with itself from the same manager.</summary>
    void Sweep();
}
