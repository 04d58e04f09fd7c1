namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>What one worker learned from one chunk file: its sensor-days, rows, and the columns the file has.</summary>
internal sealed class PartialAggregate(IReadOnlyList<string> inputColumns, SensorDays days)
{
    public SensorDays Days { get; } = days;

    /// <summary>Every column name of the file, selected or not (for the input shape).</summary>
    public IReadOnlyList<string> InputColumns { get; } = inputColumns;

    public long Rows { get; set; }

    /// <summary>Rows with at least one finite value among the selected columns.</summary>
    public long CleanedRows { get; set; }

    /// <summary>Each value column's readings as a histogram, for the outlier counts (see <see cref="ValueHistogram"/>).</summary>
    public Dictionary<string, ValueHistogram> Histograms { get; } = new(StringComparer.Ordinal);

    public ValueHistogram HistogramOf(string column)
    {
        if (!Histograms.TryGetValue(column, out var histogram))
        {
            Histograms[column] = histogram = new ValueHistogram();
        }

        return histogram;
    }
}
