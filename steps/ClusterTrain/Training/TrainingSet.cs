using Pipeline.Steps.Features;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// The rows KMeans trains on: those with every feature finite. A row with a missing feature (a day without
/// readings of a column, a std of a single reading) is skipped and counted, never imputed: an invented value would
/// pull centroids toward it. A feature that is missing in every row is an error, as is too few rows for k.
/// </summary>
internal sealed class TrainingSet
{
    private TrainingSet(float[][] rows, int[] sourceRows, FeatureTable table)
    {
        Rows = rows;
        SourceRows = sourceRows;
        Table = table;
    }

    /// <summary>Feature vectors of the complete rows.</summary>
    public float[][] Rows { get; }

    /// <summary>Index in the feature table of each training row.</summary>
    public int[] SourceRows { get; }

    public FeatureTable Table { get; }

    public int Skipped => Table.Rows - Rows.Length;

    public static TrainingSet From(FeatureTable table, int largestK, string file)
    {
        if (table.Rows == 0)
        {
            throw StepException.BadData("the feature table has no rows", new SourceLocation(file));
        }

        for (var f = 0; f < table.Features.Count; f++)
        {
            if (!table.Columns[f].Any(double.IsFinite))
            {
                throw StepException.BadData($"feature '{table.Features[f]}' has no finite value in any of the {table.Rows} rows", new SourceLocation(file));
            }
        }

        var sourceRows = table.CompleteRows();
        if (sourceRows.Length < largestK)
        {
            throw StepException.BadData(
                $"only {sourceRows.Length} of {table.Rows} rows have every feature ({string.Join(", ", table.Features)}); at least k = {largestK} are needed",
                new SourceLocation(file));
        }

        var rows = sourceRows.Select(table.Vector).ToArray();
        return new TrainingSet(rows, sourceRows, table);
    }
}
