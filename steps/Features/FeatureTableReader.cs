using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.Features;

/// <summary>
/// Reads the FeatureCreator's <c>features.parquet</c> (from its published output folder, or the file itself) with
/// the feature columns asked for, or by default every <c>*_mean</c> and <c>*_std</c> column.
/// </summary>
public static class FeatureTableReader
{
    public const string FileName = "features.parquet";
    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>Finds the feature file of <paramref name="input"/> and records it as an input.</summary>
    public static (string File, Formats.Manifest.InputRecord Record) Locate(string input)
    {
        if (input.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return System.IO.File.Exists(input)
                ? (Path.GetFullPath(input), new Formats.Manifest.InputRecord(Path.GetFullPath(input), new FileInfo(input).Length, null))
                : throw StepException.MissingInput("feature file not found", new SourceLocation(input));
        }

        var upstream = UpstreamOutput.Read(input);
        return (upstream.PathOf(FileName), upstream.Record);
    }

    public static async Task<FeatureTable> ReadAsync(string file, IReadOnlyList<string>? features, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = System.IO.File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream, ReadOptions, cancellationToken: cancellationToken);
            var fields = reader.Schema.GetDataFields();
            var sensorField = Require(fields, "sensor_id", file);
            var dayField = Require(fields, "day", file);
            var chosen = Choose(fields, features, file);
            var sensors = new List<string>();
            var days = new List<DateOnly>();
            var columns = chosen.Select(_ => new List<double>()).ToArray();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var sensorValues = new string?[count];
                await group.ReadAsync(sensorField, sensorValues.AsMemory(), null, cancellationToken);
                sensors.AddRange(sensorValues.Select((s, i) => s ?? throw StepException.BadData($"row {days.Count + i + 1} has no sensor_id", new SourceLocation(file))));
                var firstRow = days.Count;
                var dayValues = await ReadValuesAsync<DateOnly>(group, dayField, count, cancellationToken);
                days.AddRange(dayValues.Select((d, i) => d ?? throw StepException.BadData($"row {firstRow + i + 1} has no day", new SourceLocation(file))));
                for (var c = 0; c < chosen.Count; c++)
                {
                    var values = await ReadValuesAsync<double>(group, chosen[c], count, cancellationToken);
                    columns[c].AddRange(values.Select(v => v ?? double.NaN));
                }
            }

            return new FeatureTable([.. sensors], [.. days], [.. chosen.Select(f => f.Name)], [.. columns.Select(c => c.ToArray())]);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or InvalidCastException)
        {
            throw StepException.BadData($"cannot read the feature table: {e.Message}", new SourceLocation(file));
        }
    }

    // Parquet.Net 6.1, reading a required column into a nullable buffer, returned nulls for rows that have values in
    // some processes and not in others (the end-to-end test under xUnit, every time; the same file from the command
    // line, never). Required columns take the non-nullable overload, which has no definition levels to go wrong.
    private static async Task<T?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[count];
            await group.ReadAsync<T>(field, nullable.AsMemory(), null, cancellationToken);
            return nullable;
        }

        var values = new T[count];
        await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
        return Array.ConvertAll(values, v => (T?)v);
    }

    private static DataField Require(DataField[] fields, string name, string file) =>
        fields.FirstOrDefault(f => f.Name == name) ?? throw StepException.BadData($"the feature table has no '{name}' column", new SourceLocation(file));

    private static List<DataField> Choose(DataField[] fields, IReadOnlyList<string>? features, string file)
    {
        var numeric = fields.Where(f => f.ClrType == typeof(double)).ToList();
        if (features is { Count: > 0 })
        {
            return [.. features.Select(name => numeric.FirstOrDefault(f => f.Name == name)
                ?? throw StepException.BadData(
                    $"feature '{name}' is not a numeric column of the feature table (it has: {string.Join(", ", numeric.Select(f => f.Name))})",
                    new SourceLocation(file)))];
        }

        var defaults = numeric.Where(f => f.Name.EndsWith("_mean", StringComparison.Ordinal) || f.Name.EndsWith("_std", StringComparison.Ordinal)).ToList();
        return defaults.Count > 0
            ? defaults
            : throw StepException.BadData("the feature table has no *_mean or *_std columns; name the features with --features", new SourceLocation(file));
    }
}
