namespace Pipeline.Steps.SensorCsv.Schema;

/// <summary>What the sample says about one column's values (NA tokens excluded).</summary>
internal sealed class ColumnProfile(string name)
{
    public string Name { get; } = name;

    public int NonMissing { get; set; }

    public bool AllNumeric { get; set; } = true;

    public int Numeric { get; set; }

    public bool AllIntegers { get; set; } = true;

    /// <summary>True while every value is one more than the one before: a row counter, not a reading.</summary>
    public bool Consecutive { get; set; } = true;

    public double? Previous { get; set; }

    /// <summary>How many values each candidate timestamp format parsed.</summary>
    public int[] TimestampHits { get; } = new int[TimestampParser.CandidateFormats.Count];

    /// <summary>Formats that parse nearly every value (junk cells are bad rows), best first.</summary>
    public IReadOnlyList<string> TimestampFormats =>
        [.. Enumerable.Range(0, TimestampHits.Length)
            .Where(i => NonMissing > 0 && TimestampHits[i] >= NonMissing * 0.9)
            .OrderByDescending(i => TimestampHits[i])
            .ThenBy(i => i)
            .Select(i => TimestampParser.CandidateFormats[i])];

    /// <summary>Numeric when nearly every value is a number: a few junk cells are bad rows, not a text column.</summary>
    public bool IsNumeric => NonMissing > 0 && Numeric >= NonMissing * 0.9;

    public bool IsRowIndex => AllNumeric && NonMissing > 1 && AllIntegers && Consecutive;

    public bool IsTimestamp => NonMissing > 0 && !IsNumeric && TimestampFormats.Count > 0;
}
