namespace Pipeline.Benchmarks.Generation;

/// <summary>What the synthetic sensor CSV looks like; the same options and seed always give the same bytes.</summary>
internal sealed record GenerateOptions
{
    /// <summary>Data rows to write (the header is extra).</summary>
    public required long Rows { get; init; }

    /// <summary>Distinct sensors; in the regular shape every timestamp has one row per sensor (the last may be partial).</summary>
    public int Sensors { get; init; } = 1000;

    /// <summary>Time between two readings of one sensor.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(300);

    public ulong Seed { get; init; } = 42;

    /// <summary>Timestamp of the first row.</summary>
    public DateTime Start { get; init; } = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Share of values written as <c>NA</c>, per value column.</summary>
    public double MissingRate { get; init; } = 0.005;

    /// <summary>Share of values written as <c>NaN</c> (a sensor glitch), per value column.</summary>
    public double NaNRate { get; init; } = 0.00002;

    /// <summary>In what order rows come, and how timestamps fall (<see cref="DataShape"/>).</summary>
    public DataShape Shape { get; init; } = DataShape.Regular;

    /// <summary>The value columns after <c>sensor_id,timestamp</c>.</summary>
    public IReadOnlyList<ValueColumn> Columns { get; init; } = ValueColumn.Default;
}
