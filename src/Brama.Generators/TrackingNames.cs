namespace Brama.Generators;

/// <summary>Names of the incremental pipeline steps, used by the cache tests.</summary>
public static class TrackingNames
{
    public const string Extract = nameof(Extract);
    public const string RemoveInvalid = nameof(RemoveInvalid);
    public const string GroupByType = nameof(GroupByType);
}
