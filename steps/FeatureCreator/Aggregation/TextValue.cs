namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// What one text column holds over a sensor-day, for telling sensor attributes (a sensor type) from the rest: its
/// one value while every reading agrees, or <see cref="Varied"/> once two readings differ. Nulls are left out.
/// </summary>
internal struct TextValue
{
    public string? Value { get; private set; }

    public bool Varied { get; private set; }

    /// <summary>Readings with a value.</summary>
    public long Count { get; private set; }

    /// <summary>Adds a run of readings that all hold <paramref name="value"/> (or that differ, <paramref name="varied"/>).</summary>
    public void Add(string? value, bool varied, long count)
    {
        if (count == 0)
        {
            return;
        }

        Varied |= varied || (Value is not null && value is not null && !string.Equals(Value, value, StringComparison.Ordinal));
        Value ??= value;
        Count += count;
    }

    public void Merge(in TextValue other) => Add(other.Value, other.Varied, other.Count);
}
