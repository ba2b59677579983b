namespace Brama;

/// <summary>What the <see cref="SweepTimer"/> sweeps on every tick.</summary>
internal interface ISweepTarget
{
    /// <summary>Runs one sweep. Called on a timer thread; never concurrently with itself from the same timer.</summary>
    void Sweep();
}
