namespace Pipeline.Steps.Chunker.Schema;

/// <summary>What the sample says about one column's values (NA tokens excluded).</summary>
internal sealed class ColumnProfile(string name)
{
    public string Name { get; } = name;

    public int NonMissing { get; set; }

    public bool AllNumeric { get; set; } = true;

    public bool AllIntegers { get; set; } = true;

    /// <summary>True while every value is one more than the one before: a row counter, not a reading.</summary>
    public bool Consecutive { get; set; } = true;

    public double? Previous { get; set; }

    /// <summary>Timestamp formats that parsed every value so far.</summary>
    public List<string> TimestampFormats { get; set; } = [.. TimestampParser.CandidateFormats];

    public bool IsNumeric => NonMissing > 0 && AllNumeric;

    public bool IsRowIndex => IsNumeric && AllIntegers && Consecutive && NonMissing > 1;

    public bool IsTimestamp => NonMissing > 0 && !AllNumeric && TimestampFormats.Count > 0;
}
