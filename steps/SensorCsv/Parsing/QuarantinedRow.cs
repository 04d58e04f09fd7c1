namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>A row that was not written, with where it was and why.</summary>
internal sealed record QuarantinedRow(int FileIndex, long Line, int? Column, string Category, string Reason, string Raw)
{
    /// <summary>Orders rows by input position: file, then line.</summary>
    public long Order => RowOrder.Of(FileIndex, Line);
}
