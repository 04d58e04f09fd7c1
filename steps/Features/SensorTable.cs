using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Steps.Features;

/// <summary>
/// The sensors of a features asset (or of one FeatureCreator run), one row each: when it was first and last seen,
/// and its attributes, the columns that never change within a sensor (a location id, coordinates, a sensor type).
/// They are kept here once per sensor instead of as readings statistics (<c>lat_mean</c> on every sensor-day), so
/// they never become clustering features by accident, and predictions join them by <c>sensor_id</c>.
/// <see cref="SensorRow.Changes"/> counts the days on which an attribute differed from the day before or varied
/// within the day: a sensor that moved. The file's attribute columns are the asset's decision of what its
/// attributes are, made on its first run, so every later day's features have the same columns.
/// </summary>
public sealed record SensorTable(IReadOnlyList<string> NumberColumns, IReadOnlyList<string> TextColumns, IReadOnlyList<SensorRow> Rows)
{
    public const string FileName = AssetLayout.SensorsFileName;

    private const string SensorId = "sensor_id";
    private const string FirstSeen = "first_seen";
    private const string LastSeen = "last_seen";
    private const string ChangesColumn = "attribute_changes";
    private static readonly string[] KeyColumns = [SensorId, FirstSeen, LastSeen, ChangesColumn];
    private static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>Where an asset keeps its sensors: in its bookkeeping folder, which readers of its partitions skip.</summary>
    public static string AssetPath(string assetFolder) => AssetLayout.SensorsPath(assetFolder);

    /// <summary>Whether <paramref name="column"/> may name an attribute (the table's own columns may not).</summary>
    public static bool IsReserved(string column) => KeyColumns.Contains(column, StringComparer.Ordinal);

    /// <summary>Every attribute column, numbers then texts.</summary>
    public IReadOnlyList<string> AttributeColumns => [.. NumberColumns, .. TextColumns];

    /// <summary>The table with each sensor-day's attributes taken in (<paramref name="days"/> in any order).</summary>
    public SensorTable Merge(IEnumerable<SensorDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sensors = Rows.ToDictionary(r => r.SensorId, StringComparer.Ordinal);
        foreach (var day in days.OrderBy(d => d.Day))
        {
            sensors[day.SensorId] = sensors.TryGetValue(day.SensorId, out var known) ? known.With(day) : SensorRow.First(day);
        }

        return this with { Rows = [.. sensors.Values.OrderBy(r => r.SensorId, StringComparer.Ordinal)] };
    }

    /// <summary>Reads the table at <paramref name="path"/>; null when there is none.</summary>
    public static async Task<SensorTable?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            await using var reader = await ParquetReader.CreateAsync(stream, ReadOptions, cancellationToken: cancellationToken);
            var fields = reader.Schema.GetDataFields();
            var numbers = fields.Where(f => !IsReserved(f.Name) && f.ClrType == typeof(double)).ToList();
            var texts = fields.Where(f => !IsReserved(f.Name) && (f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>))).ToList();
            var rows = new List<SensorRow>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var ids = await TextsAsync(group, Field(fields, SensorId, path), count, cancellationToken);
                var first = await RequiredAsync<DateOnly>(group, Field(fields, FirstSeen, path), count, cancellationToken);
                var last = await RequiredAsync<DateOnly>(group, Field(fields, LastSeen, path), count, cancellationToken);
                var changes = await RequiredAsync<long>(group, Field(fields, ChangesColumn, path), count, cancellationToken);
                var numberValues = new List<double?[]>();
                foreach (var field in numbers)
                {
                    var values = new double?[count];
                    await group.ReadAsync<double>(field, values.AsMemory(), null, cancellationToken);
                    numberValues.Add(values);
                }

                var textValues = new List<string?[]>();
                foreach (var field in texts)
                {
                    textValues.Add(await TextsAsync(group, field, count, cancellationToken));
                }

                for (var i = 0; i < count; i++)
                {
                    rows.Add(new SensorRow(
                        ids[i] ?? throw StepException.BadData($"row {rows.Count + 1} has no sensor_id", new SourceLocation(path)),
                        first[i], last[i], changes[i], [.. numberValues.Select(v => v[i])], [.. textValues.Select(v => v[i])]));
                }
            }

            return new SensorTable([.. numbers.Select(f => f.Name)], [.. texts.Select(f => f.Name)], rows);
        }
        catch (Exception e) when (e is not (OperationCanceledException or StepException or OutOfMemoryException))
        {
            throw StepException.BadData($"cannot read the sensors table: {e.Message}", new SourceLocation(path));
        }
    }

    /// <summary>Writes the table to <paramref name="path"/> whole or not at all (a temporary file renamed over it).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            var fields = new List<DataField>
            {
                new(SensorId, typeof(string), isNullable: false),
                new(FirstSeen, typeof(DateOnly), isNullable: false),
                new(LastSeen, typeof(DateOnly), isNullable: false),
                new(ChangesColumn, typeof(long), isNullable: false),
            };
            fields.AddRange(NumberColumns.Select(c => new DataField(c, typeof(double), isNullable: true)));
            fields.AddRange(TextColumns.Select(c => new DataField(c, typeof(string), isNullable: true)));
            await using (var stream = File.Create(temporary))
            {
                await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, null, false, cancellationToken);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(fields[0], Rows.Select(r => r.SensorId).ToArray(), null);
                await group.WriteAsync<DateOnly>(fields[1], Rows.Select(r => r.FirstSeen).ToArray(), null, null, cancellationToken);
                await group.WriteAsync<DateOnly>(fields[2], Rows.Select(r => r.LastSeen).ToArray(), null, null, cancellationToken);
                await group.WriteAsync<long>(fields[3], Rows.Select(r => r.Changes).ToArray(), null, null, cancellationToken);
                for (var c = 0; c < NumberColumns.Count; c++)
                {
                    await group.WriteAsync<double>(fields[KeyColumns.Length + c], Rows.Select(r => r.Numbers[c]).ToArray(), null, null, cancellationToken);
                }

                for (var c = 0; c < TextColumns.Count; c++)
                {
                    await group.WriteAsync(fields[KeyColumns.Length + NumberColumns.Count + c], Rows.Select(r => r.Texts[c]).ToArray(), null);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static DataField Field(DataField[] fields, string name, string path) =>
        fields.FirstOrDefault(f => f.Name == name) ?? throw StepException.BadData($"the sensors table has no '{name}' column", new SourceLocation(path));

    // A required column is read into a non-nullable buffer: Parquet.Net 6.1 has returned nulls reading required
    // columns into nullable ones (see FeatureTableReader).
    private static async Task<T[]> RequiredAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T[count];
        await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
        return values;
    }

    private static async Task<string?[]> TextsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return values;
    }
}

/// <summary>One sensor: first and last day seen, days its attributes changed, and its attributes as last seen.</summary>
public sealed record SensorRow(string SensorId, DateOnly FirstSeen, DateOnly LastSeen, long Changes, IReadOnlyList<double?> Numbers, IReadOnlyList<string?> Texts)
{
    internal static SensorRow First(SensorDay day) => new(day.SensorId, day.Day, day.Day, day.Varied ? 1 : 0, day.Numbers, day.Texts);

    /// <summary>
    /// This sensor with one more day: a later day's attributes replace the ones known (a missing one keeps the known
    /// value) and count as a change when they differ; an earlier day only moves first seen back.
    /// </summary>
    internal SensorRow With(SensorDay day)
    {
        if (day.Day <= LastSeen)
        {
            return this with { FirstSeen = day.Day < FirstSeen ? day.Day : FirstSeen };
        }

        var numbers = Numbers.Select((known, i) => day.Numbers[i] ?? known).ToArray();
        var texts = Texts.Select((known, i) => day.Texts[i] ?? known).ToArray();
        var changed = day.Varied || !numbers.SequenceEqual(Numbers) || !texts.SequenceEqual(Texts, StringComparer.Ordinal);
        return this with { LastSeen = day.Day, Changes = Changes + (changed ? 1 : 0), Numbers = numbers, Texts = texts };
    }
}

/// <summary>One sensor-day's attributes (null where it had no value), and whether one of them varied within the day.</summary>
public sealed record SensorDay(string SensorId, DateOnly Day, IReadOnlyList<double?> Numbers, IReadOnlyList<string?> Texts, bool Varied);
