namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// The shapes sensor exports come in, which the ingest benchmark runs every one of: a fast path that holds only for
/// the default generator's rows would not hold for a user's export.
/// </summary>
internal enum DataShape
{
    /// <summary>1,000 sensors every 5 minutes, each instant listing its sensors in the same order (the default).</summary>
    Regular,

    /// <summary>20,000 sensors every hour, listed in a new random order at every instant.</summary>
    Shuffled,

    /// <summary>100,000 sensors every 3 hours: few readings per sensor-day, many sensor-days.</summary>
    ManySensors,

    /// <summary>
    /// 1,000 sensors, each on its own clock 2–3 minutes apart (merged in time order, as a network sends them), with the
    /// ten columns of an air-quality export, some mostly empty.
    /// </summary>
    Irregular,

    /// <summary>1,000 sensors every 5 minutes, each sensor's whole history in one block, as exports per device come.</summary>
    Grouped,
}

/// <summary>The shapes' names on the command line and what each sets in <see cref="GenerateOptions"/>.</summary>
internal static class DataShapes
{
    public static readonly IReadOnlyList<DataShape> All = Enum.GetValues<DataShape>();

    public static string Name(DataShape shape) => shape switch
    {
        DataShape.ManySensors => "many-sensors",
        _ => shape.ToString().ToLowerInvariant(),
    };

    public static DataShape? Parse(string name) => All.Cast<DataShape?>().FirstOrDefault(s => Name(s!.Value) == name);

    /// <summary>The options of <paramref name="shape"/> for <paramref name="rows"/> rows.</summary>
    public static GenerateOptions Options(DataShape shape, long rows) => shape switch
    {
        DataShape.Shuffled => new GenerateOptions { Rows = rows, Shape = shape, Sensors = 20_000, Interval = TimeSpan.FromHours(1) },
        DataShape.ManySensors => new GenerateOptions { Rows = rows, Shape = shape, Sensors = 100_000, Interval = TimeSpan.FromHours(3) },
        DataShape.Irregular => new GenerateOptions { Rows = rows, Shape = shape, Columns = ValueColumn.AirQuality, Interval = TimeSpan.FromSeconds(150) },
        _ => new GenerateOptions { Rows = rows, Shape = shape },
    };

    /// <summary>One line for the report: what the shape's file holds.</summary>
    public static string Describe(GenerateOptions options) => options.Shape switch
    {
        DataShape.Shuffled => $"{options.Sensors:N0} sensors, hourly, order shuffled at every timestamp",
        DataShape.ManySensors => $"{options.Sensors:N0} sensors, every 3 h",
        DataShape.Irregular => $"{options.Sensors:N0} sensors, 2-3 min apart (jittered), {options.Columns.Count} value columns, some mostly empty",
        DataShape.Grouped => $"{options.Sensors:N0} sensors, every 5 min, rows grouped by sensor",
        _ => $"{options.Sensors:N0} sensors, every 5 min, fixed order",
    };
}
