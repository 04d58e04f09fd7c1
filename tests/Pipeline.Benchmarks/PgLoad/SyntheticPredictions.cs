using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>Deterministic predictions of one run: 1,000 sensors times as many days as it takes.</summary>
internal static class SyntheticPredictions
{
    private const int Sensors = 1_000;

    public static PredictionRow[] Make(string runId, int rows)
    {
        // Ids made once and shared, as a real run shares them across its days.
        var sensorIds = Enumerable.Range(0, Sensors).Select(s => $"sensor-{10_001 + s}").ToArray();
        var firstDay = new DateOnly(2024, 1, 1);
        var createdAt = new DateTimeOffset(2024, 6, 1, 3, 0, 0, TimeSpan.Zero);
        var result = new PredictionRow[rows];
        for (var i = 0; i < rows; i++)
        {
            // A Weyl sequence: spread-out distances without a random generator's state.
            var distance = (i * 0.6180339887498949 % 1.0) * 12.5;
            result[i] = new PredictionRow(runId, sensorIds[i % Sensors], firstDay.AddDays(i / Sensors), i * 7919 % 8, distance,
                "kmeans-2024.06.01", createdAt.AddTicks(i * 10L));
        }

        return result;
    }
}
