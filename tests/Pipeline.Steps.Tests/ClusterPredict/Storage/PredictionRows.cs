using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

/// <summary>Synthetic predictions: <c>count</c> distinct (sensor, day) pairs of one run.</summary>
public static class PredictionRows
{
    public static readonly DateTimeOffset CreatedAt = new(2024, 5, 1, 12, 0, 0, 123, 456, TimeSpan.Zero);

    public static List<PredictionRow> Make(string runId, int count, string modelVersion = "kmeans-v1", int sensors = 50) =>
        [.. Enumerable.Range(0, count).Select(i => new PredictionRow(
            runId,
            $"sensor-{i % sensors:D4}",
            new DateOnly(2024, 1, 1).AddDays(i / sensors),
            i % 7,
            (i * 0.37) % 11.0,
            modelVersion,
            CreatedAt))];

    /// <summary>The order <see cref="PredictionStore.ReadRunAsync"/> returns rows in: day, then sensor id in byte order.</summary>
    public static List<PredictionRow> Sorted(IEnumerable<PredictionRow> rows) =>
        [.. rows.Order(Comparer<PredictionRow>.Create(PredictionOrder.Compare))];
}
