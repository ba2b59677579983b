namespace Brama.Generators;

/// <summary>Names of the incremental pipeline steps, used by the cache tests.</summary>
public static class TrackingNames
{
    /// <summary>Parses each decorated method into a model (null when there is nothing to implement).</summary>
    public const string Extract = nameof(Extract);

    /// <summary>Drops declarations with no partial definition in partial types to implement (BRAMA001, BRAMA002).</summary>
    public const string RemoveNonPartial = nameof(RemoveNonPartial);

    /// <summary>Groups the models by containing type: one generated file each.</summary>
    public const string GroupByType = nameof(GroupByType);
}
