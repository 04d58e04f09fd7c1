using System.Text.Json;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Testing;

/// <summary>
/// Version 1 of a registry as ClusterTrain wrote it before it recorded its training runs (no <c>experiment</c>);
/// no model file is needed to read its metadata.
/// </summary>
public static class OldModelVersion
{
    public static void Write(string registry, IReadOnlyList<string> features, bool promoted, string reason)
    {
        var folder = Directory.CreateDirectory(Path.Combine(registry, "versions", "0001")).FullName;
        File.WriteAllText(Path.Combine(folder, ModelRegistry.MetadataFileName), $$"""
            {
              "version": 1,
              "createdAt": "2024-04-30T08:00:00+00:00",
              "trainer": "ML.NET KMeans++ (Microsoft.ML 4.0.2)",
              "training": { "input": "/data/features/features.parquet", "rows": 92, "rowsSkipped": 0, "firstDay": "2013-03-01", "lastDay": "2013-03-31", "sensors": 3 },
              "features": {{JsonSerializer.Serialize(features)}},
              "scaling": { "method": "standard", "offsets": [0, 0], "scales": [1, 1] },
              "k": 4,
              "seed": 42,
              "quality": { "daviesBouldin": 0.81, "averageDistance": 1.2, "inertia": 40.5 },
              "clusterSizes": [20, 30, 22, 20],
              "centroids": [[0, 0], [0, 10], [10, 0], [10, 10]],
              "clusterIds": [0, 1, 2, 3],
              "model": { "file": "model.zip", "sha256": "00", "bytes": 10 },
              "promotion": { "promoted": {{(promoted ? "true" : "false")}}, "reason": {{JsonSerializer.Serialize(reason)}} }
            }
            """);
    }
}
