using Parquet;
using Pipeline.Steps.Assets;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>
/// Which registry a run predicts with: the --registry folder itself, a family named by --family, or, with
/// <c>--family auto</c>, the family whose production model's features the input has (the most features wins, then
/// the name). Input of a kind no family was trained on is refused, naming what each family lacks, never scored
/// with another kind's model.
/// </summary>
internal static class FamilyChoice
{
    public static async Task<(ModelRegistry Registry, string? Family, string? Reason)> OpenAsync(
        ClusterPredictOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (options.Family is null)
        {
            return (new ModelRegistry(options.Registry, clock), null, null);
        }

        if (options.Family != ModelFamilies.Auto)
        {
            return (new ModelRegistry(ModelFamilies.Folder(options.Registry, options.Family), clock), options.Family, "named by --family");
        }

        var columns = await InputColumnsAsync(options, cancellationToken);
        var fitting = new List<(string Family, ModelRegistry Registry, int Features)>();
        var misfits = new List<string>();
        foreach (var (family, registry) in ModelFamilies.All(options.Registry, clock))
        {
            if (registry.Production() is not { } production)
            {
                continue;
            }

            var features = registry.Metadata(production.Version).Features;
            var missing = features.Where(f => !columns.Contains(f)).ToList();
            if (missing.Count == 0)
            {
                fitting.Add((family, registry, features.Count));
            }
            else
            {
                misfits.Add($"'{family}' needs {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}");
            }
        }

        if (fitting.Count == 0)
        {
            var known = misfits.Count == 0
                ? "the registry has no model family with a production version yet"
                : $"no model family fits its columns ({string.Join("; ", misfits)})";
            throw StepException.BadData(
                $"cannot predict this input: {known}; train a family on data of this kind first (cluster-train --family auto)",
                new SourceLocation(options.Input));
        }

        var chosen = fitting.OrderByDescending(f => f.Features).ThenBy(f => f.Family, StringComparer.Ordinal).First();
        var reason = $"the input has all {chosen.Features} features of its production model"
            + (fitting.Count > 1 ? $"; the most of the {fitting.Count} families that fit" : "")
            + (misfits.Count > 0 ? $"; not {string.Join("; ", misfits)}" : "");
        return (chosen.Registry, chosen.Family, reason);
    }

    /// <summary>The input's columns: a features asset's (from its description) or one feature table's (its Parquet schema).</summary>
    private static async Task<HashSet<string>> InputColumnsAsync(ClusterPredictOptions options, CancellationToken cancellationToken)
    {
        if (options.AssetDir is { Length: > 0 })
        {
            var asset = AssetDescription.Read(Path.GetFullPath(options.Input))
                ?? throw StepException.BadOption($"--asset-dir needs --input to be a features asset; {options.Input} is not one");
            return [.. asset.Columns.Select(c => c.Name)];
        }

        var (file, _) = FeatureTableReader.Locate(options.Input);
        try
        {
            await using var reader = await ParquetReader.CreateAsync(file, null, cancellationToken);
            return [.. reader.Schema.GetDataFields().Select(f => f.Name)];
        }
        catch (Exception e) when (e is not (OperationCanceledException or StepException))
        {
            throw new StepException(StepExitCodes.DataError, $"not a readable Parquet file: {e.Message}", new SourceLocation(file), e);
        }
    }
}
