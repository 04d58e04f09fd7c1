using Pipeline.Steps.FeatureCreator.Aggregation;
using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Features;

/// <summary>
/// A whole run's features, made a window of days at a time (<see cref="DayWindows"/>): each window's sensor-days
/// become a row group of <c>features.parquet</c>, are added to the run's totals and sensors table, and are let go.
/// Detected sensor attributes are decided on the first window (the run's first day, with the Chunker's day folders),
/// as an asset's are on its first day made: the file's columns must be known when its first row group is written.
/// </summary>
internal sealed class WindowedFeatures(
    string path, IReadOnlyList<string> scanned, IReadOnlyList<string> texts, IReadOnlyList<FeatureKind> kinds, int minReadings, SensorAttributes? decided, bool detectNumbers)
    : IAsyncDisposable
{
    private readonly SensorRanks _ranks = new();
    private FeatureFile? _file;

    public SensorAttributes? Attributes { get; private set; } = decided;

    public FeatureTotals Totals { get; } = new(scanned.Count, minReadings);

    /// <summary>The sensors table (null without sensor attributes).</summary>
    public SensorTable? Sensors { get; private set; }

    /// <summary>The file's columns, once a window has been written.</summary>
    public Parquet.Schema.ParquetSchema? Schema { get; private set; }

    public async Task AddAsync(FeatureAggregate window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        Attributes ??= SensorAttributes.Detect(window, scanned, texts, Basis(window), numbers: detectNumbers);
        var table = FeatureTable.Build(window, scanned, kinds, minReadings, Attributes.Numbers, _ranks);
        _file ??= await FeatureFile.CreateAsync(path, Schema = FeatureWriter.Schema(table), cancellationToken);
        await _file.AddAsync(table, cancellationToken);
        Totals.Add(table);
        if (!Attributes.IsEmpty)
        {
            Sensors = (Sensors ?? new SensorTable(Attributes.Numbers, Attributes.Texts, [])).Merge(Attributes.Observe(window, scanned, texts));
        }
    }

    /// <summary>Finishes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
            _file = null;
        }
    }

    private static string Basis(FeatureAggregate window)
    {
        var days = window.Days.Keys.Select(k => k.Day).Distinct().Order().ToList();
        return days.Count == 1 ? $"this run's first day, {days[0]:yyyy-MM-dd}" : $"this run's readings from {days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}";
    }
}
