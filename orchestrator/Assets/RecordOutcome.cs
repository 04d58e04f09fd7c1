namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// What recording one written partition did: the partition's current materialization, whether it is a new one
/// (false: the catalog had this content already), and how many partitions went stale because of it.
/// </summary>
public sealed record RecordOutcome(Materialization Current, bool Created, int MadeStale);
