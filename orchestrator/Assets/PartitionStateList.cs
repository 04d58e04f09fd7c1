namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// Every partition of an asset in a key range as two parallel lists, oldest key first: what a calendar of the asset
/// draws. Plain lists rather than a <see cref="PartitionView"/> each, because an asset may have 100,000 of them.
/// </summary>
public sealed record PartitionStateList(IReadOnlyList<string> Keys, IReadOnlyList<string> States);
