namespace Pipeline.Steps.Assets;

/// <summary>
/// The partitions of an input asset a step must make its own partition of, the same day, because it has none yet
/// or (under the eager policy) made it from other content; with each one's content hash now. <see cref="UpToDate"/>
/// counts the partitions made from the input as it is; <see cref="LeftStale"/> lists those made from other content
/// that the manual policy leaves as they are.
/// </summary>
public sealed record InputPartitions(IReadOnlyList<(string Key, string Sha256)> ToMake, int UpToDate, IReadOnlyList<string> LeftStale);
