namespace Pipeline.Steps.Assets;

/// <summary>
/// The partitions of an input asset a step must make its own partition of, the same day, because it has none yet
/// or made it from other content; with each one's content hash now. <see cref="UpToDate"/> counts the others.
/// </summary>
public sealed record InputPartitions(IReadOnlyList<(string Key, string Sha256)> ToMake, int UpToDate);
