namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// One value column of the synthetic CSV: a reading follows a daily and a seasonal cycle (each a cosine, warmest at
/// 15:00 and in late July) around <see cref="Mean"/>, plus a fixed offset per sensor and Gaussian noise.
/// </summary>
/// <param name="Name">The header's name.</param>
/// <param name="Mean">The value around which it moves.</param>
/// <param name="Seasonal">Amplitude of the seasonal cycle (negative: moves the other way).</param>
/// <param name="Daily">Amplitude of the daily cycle.</param>
/// <param name="OffsetSd">Standard deviation of each sensor's fixed offset.</param>
/// <param name="NoiseSd">Standard deviation of the noise on each reading.</param>
/// <param name="Decimals">Places written.</param>
/// <param name="Missing">Share of readings missing (written as <paramref name="MissingText"/>); null: the options' rate.</param>
/// <param name="MissingText">What a missing reading is written as: <c>NA</c>, or an empty field as many exports leave it.</param>
/// <param name="Low">Readings are clamped to at least this.</param>
/// <param name="High">And at most this.</param>
internal sealed record ValueColumn(
    string Name, double Mean, double Seasonal, double Daily, double OffsetSd, double NoiseSd, int Decimals,
    double? Missing = null, string MissingText = "NA", double Low = double.NegativeInfinity, double High = double.PositiveInfinity)
{
    public static readonly ValueColumn Temperature = new("temperature", 12.0, 8.0, 5.0, 3.0, 0.4, 2);

    public static readonly ValueColumn Humidity = new("humidity", 62.0, -6.0, -12.0, 8.0, 2.0, 1, Low: 0.0, High: 100.0);

    /// <summary>The columns of the default file, as it always was: temperature and humidity.</summary>
    public static readonly IReadOnlyList<ValueColumn> Default = [Temperature, Humidity];

    /// <summary>
    /// A low-cost air-quality station's export: ten columns, particulate matter and gases among them, some mostly
    /// empty (a gas sensor fitted on a few stations only) and one never filled, missing readings left as empty fields.
    /// </summary>
    public static readonly IReadOnlyList<ValueColumn> AirQuality =
    [
        Temperature with { MissingText = "" },
        Humidity with { MissingText = "" },
        new("pressure", 1013.0, 2.0, 1.0, 4.0, 0.6, 1, MissingText: ""),
        new("pm1", 6.0, -2.0, 2.0, 2.0, 1.5, 1, MissingText: "", Low: 0.0),
        new("pm25", 10.0, -3.0, 3.0, 3.0, 2.5, 1, MissingText: "", Low: 0.0),
        new("pm10", 18.0, -4.0, 4.0, 5.0, 4.0, 1, MissingText: "", Low: 0.0),
        new("no2", 25.0, -5.0, 8.0, 6.0, 5.0, 1, Missing: 0.9, MissingText: "", Low: 0.0),
        new("o3", 40.0, 10.0, 12.0, 6.0, 5.0, 1, Missing: 0.97, MissingText: "", Low: 0.0),
        new("co", 0.4, 0.0, 0.1, 0.1, 0.05, 3, Missing: 1.0, MissingText: ""),
        new("battery", 3.9, 0.0, 0.1, 0.1, 0.05, 2, MissingText: "", Low: 3.0, High: 4.2),
    ];
}
