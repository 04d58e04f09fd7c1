using System.Text.Json.Nodes;
using System.Text.Json;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.FeatureCreator.Input;

/// <summary>
/// Finds the chunk files of an input folder. A published step output always has <c>_manifest.json</c> (it is
/// renamed into place whole), so its file list is authoritative and folder names are never parsed. A folder with
/// <c>_failure.json</c> but no manifest is a failed upstream run. Any other folder is read as loose Parquet files.
/// </summary>
internal static class InputLocator
{
    public static InputPlan Resolve(string input)
    {
        var root = Path.GetFullPath(input);
        if (!Directory.Exists(root))
        {
            throw StepException.MissingInput("input folder not found", new SourceLocation(input));
        }

        var manifest = Path.Combine(root, StepOutput.ManifestFileName);
        if (File.Exists(manifest))
        {
            return FromManifest(root);
        }

        var failure = Path.Combine(root, StepOutput.FailureFileName);
        if (File.Exists(failure))
        {
            throw StepException.BadData("the upstream step failed and published no output (see this file)", new SourceLocation(failure));
        }

        var files = Directory.EnumerateFiles(root, "*.parquet", new EnumerationOptions { RecurseSubdirectories = true })
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('_') || part.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw StepException.BadData($"no {StepOutput.ManifestFileName} and no *.parquet files in the input folder", new SourceLocation(input));
        }

        return new InputPlan(files, null, new InputRecord(root, files.Sum(f => new FileInfo(f).Length), null));
    }

    // The manifest is read and checked by the contract's UpstreamOutput, as every step that reads a step's output does.
    private static InputPlan FromManifest(string root)
    {
        var upstream = UpstreamOutput.Read(root);
        var files = upstream.Manifest.Outputs
            .Where(o => o.Path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            .Select(o => o.Path)
            .Order(StringComparer.Ordinal)
            .Select(upstream.FullPath)
            .ToArray();
        if (files.Length == 0)
        {
            throw StepException.BadData("the upstream manifest lists no Parquet files", new SourceLocation(upstream.Record.Path));
        }

        return new InputPlan(files, DeclaredValueColumns(upstream.Manifest.Metrics, upstream.Record.Path), upstream.Record);
    }

    private static string[]? DeclaredValueColumns(JsonObject metrics, string manifest)
    {
        if (metrics["schema"] is not JsonObject schema || schema["valueColumns"] is not { } node)
        {
            return null;
        }

        if (node is JsonArray array && array.All(n => n?.GetValueKind() == JsonValueKind.String))
        {
            return [.. array.Select(n => n!.GetValue<string>())];
        }

        throw StepException.BadData("metrics.schema.valueColumns of the upstream manifest is not a list of names", new SourceLocation(manifest));
    }
}
