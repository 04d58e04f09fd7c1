namespace Pipeline.Steps.Formats.Registry;

/// <summary>
/// How much a new version moves the clustering, against the production version on the same rows (the new
/// version's training rows, each assigned by both): what a consumer of the clusters will see change.
/// </summary>
/// <param name="AgainstVersion">The production version compared with.</param>
/// <param name="Rows">The rows both assigned.</param>
/// <param name="AdjustedRandIndex">Agreement of the two assignments whatever the ids (1: the same grouping; about 0: chance).</param>
/// <param name="MovedShare">Share of rows whose stable cluster id differs between the two (0 to 1).</param>
/// <param name="ClusterShifts">Per stable id both versions have: how far its centroid moved, in the production version's scaled units.</param>
public sealed record ClusterStability(int AgainstVersion, long Rows, double AdjustedRandIndex, double MovedShare, IReadOnlyList<ClusterShift> ClusterShifts);

/// <summary>How far one stable cluster's centroid moved (Euclidean, in the production version's scaling).</summary>
public sealed record ClusterShift(int Cluster, double Shift);
