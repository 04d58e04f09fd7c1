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
        var (fitting, misfits) = ModelFamilies.Match(options.Registry, columns, clock);
        var refusals = misfits.Select(m => $"'{m.Family}' needs {string.Join(", ", m.Missing.Take(5))}{(m.Missing.Count > 5 ? $" and {m.Missing.Count - 5} more" : "")}").ToList();
        if (fitting.Count == 0)
        {
            var known = refusals.Count == 0
                ? "the registry has no model family with a production version yet"
                : $"no model family fits its columns ({string.Join("; ", refusals)})";
            throw StepException.BadData(
                $"cannot predict this input: {known}; train a family on data of this kind first (cluster-train --family auto)",
                new SourceLocation(options.Input));
        }

        var chosen = fitting[0];
        var reason = $"the input has all {chosen.Features} features of its production model"
            + (fitting.Count > 1 ? $"; the most of the {fitting.Count} families that fit" : "")
            + (refusals.Count > 0 ? $"; not {string.Join("; ", refusals)}" : "");
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
