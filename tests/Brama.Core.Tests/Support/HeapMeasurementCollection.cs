namespace Brama.Core.Tests.Support;

/// <summary>
/// The managed heap is shared by every test in the process, so a test that judges what a run left on it must not run
/// beside others: their live objects would count as its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}
