using System.Text.Json.Nodes;
using System.Text.Json;

namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// Reads a step's <c>_manifest.json</c> (format: steps/Formats/Manifest/StepManifest.cs) as plain JSON: the
/// benchmark does not reference the step projects, so that it cannot share their process or their memory.
/// </summary>
internal static class StepManifestReader
{
    public const string ManifestFileName = "_manifest.json";
    public const string FailureFileName = "_failure.json";

    public static async Task<StepManifestSummary> ReadAsync(string outputDirectory, string stepName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outputDirectory, ManifestFileName);
        if (!File.Exists(path))
        {
            throw new SideFailedException($"{stepName} exited 0 but wrote no {path}");
        }

        JsonNode? root;
        await using (var stream = File.OpenRead(path))
        {
            root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
        }

        var status = root?["status"]?.GetValue<string>();
        if (status != "succeeded")
        {
            throw new SideFailedException($"{stepName} manifest {path} has status '{status}'");
        }

        var outputs = root!["outputs"]?.AsArray() ?? [];
        var parquet = outputs.Where(o => o?["path"]?.GetValue<string>().EndsWith(".parquet", StringComparison.Ordinal) == true).ToList();
        var timings = root["timingsMs"]?.AsObject()
            .ToDictionary(p => p.Key, p => p.Value?.GetValue<double>() ?? 0, StringComparer.Ordinal)
            ?? new Dictionary<string, double>(StringComparer.Ordinal);
        return new StepManifestSummary(
            root["metrics"]?["memory"]?["peakWorkingSetBytes"]?.GetValue<long>(),
            parquet.Sum(o => o?["rows"]?.GetValue<long>() ?? 0),
            parquet.Count,
            timings);
    }

    /// <summary>The error message a failed step recorded in <c>_failure.json</c>, if any.</summary>
    public static string? ReadFailure(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FailureFileName);
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))?["error"]?["message"]?.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
