namespace Brama.Generators;

/// <summary>Names of the incremental pipeline steps, used by the cache tests.</summary>
public static class TrackingNames
{
    /// <summary>Parses each decorated method into a model and the diagnostics the generator reports for it.</summary>
    public const string Extract = nameof(Extract);

    /// <summary>Keeps the methods to implement: partial definitions without a hand-written implementation.</summary>
    public const string RemoveNonPartial = nameof(RemoveNonPartial);

    /// <summary>Groups the models by containing type: one generated file each.</summary>
    public const string GroupByType = nameof(GroupByType);

    /// <summary>Collects the diagnostics of every method, each reported once.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
