using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// Two versions of a model side by side: quality and its change (b − a), cluster sizes, and how far each stable
/// cluster's centroid moved — in the features' units and in version a's scaled units (a shift of 1 is one scale unit,
/// comparable across features). Centroids compare only when both versions use the same features in the same order.
/// </summary>
public sealed record ModelComparison(
    ModelVersion A, ModelVersion B, QualityDelta QualityDelta, bool SameFeatures, IReadOnlyList<CentroidShift>? CentroidShifts, string? NotComparable)
{
    public static ModelComparison Of(ModelVersion a, ModelVersion b)
    {
        var delta = new QualityDelta(
            b.Quality.DaviesBouldin - a.Quality.DaviesBouldin, b.Quality.AverageDistance - a.Quality.AverageDistance, b.Quality.Inertia - a.Quality.Inertia);
        var sameFeatures = a.Features.SequenceEqual(b.Features, StringComparer.Ordinal);
        if (!sameFeatures)
        {
            return new(a, b, delta, false, null, $"the versions use different features ({string.Join(", ", a.Features)} / {string.Join(", ", b.Features)})");
        }

        var shifts = new List<CentroidShift>();
        foreach (var cluster in a.ClusterIds.Intersect(b.ClusterIds).Where(c => c < a.Centroids.Count && c < b.Centroids.Count).Order())
        {
            var from = a.Centroids[cluster];
            var to = b.Centroids[cluster];
            var perFeature = from.Zip(to, (x, y) => y - x).ToArray();
            var scaled = perFeature.Select((d, i) => a.Scaling.Scales[i] is var scale && scale != 0 ? d / scale : d).ToArray();
            shifts.Add(new CentroidShift(cluster, Length(perFeature), Length(scaled), perFeature));
        }

        return new(a, b, delta, true, shifts, null);
    }

    private static double Length(double[] vector) => Math.Sqrt(vector.Sum(d => d * d));
}

/// <summary>Version b's quality minus version a's (lower Davies-Bouldin, distance and inertia are better).</summary>
public sealed record QualityDelta(double DaviesBouldin, double AverageDistance, double Inertia);

/// <summary>How far one stable cluster's centroid moved from version a to b.</summary>
public sealed record CentroidShift(int Cluster, double Distance, double ScaledDistance, IReadOnlyList<double> PerFeature);
