namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>What <see cref="PlainRecordParser"/> hands each record to (a struct, so the call is direct).</summary>
internal interface IPlainRecordSink
{
    void Record(SplitFields fields, int fieldCount, ReadOnlySpan<char> raw, long line);
}
