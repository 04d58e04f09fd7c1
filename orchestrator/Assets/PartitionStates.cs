namespace Pipeline.Orchestrator.Assets;

/// <summary>The state of an asset's partition in the catalog.</summary>
public static class PartitionStates
{
    /// <summary>Its current materialization is up to date with its inputs.</summary>
    public const string Materialized = "materialized";

    /// <summary>An input it was made from has been materialized again since: it must be made again.</summary>
    public const string Stale = "stale";

    /// <summary>The last try to make it failed; the last good materialization, if any, is still readable.</summary>
    public const string Failed = "failed";

    /// <summary>Expected but never made, or its files changed or vanished outside the server.</summary>
    public const string Missing = "missing";

    public static readonly IReadOnlyList<string> All = [Materialized, Stale, Failed, Missing];
}
