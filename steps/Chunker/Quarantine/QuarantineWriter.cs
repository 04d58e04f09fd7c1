using System.Globalization;
using System.Text;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Chunker.Quarantine;

/// <summary>
/// Writes rejected rows to <c>_quarantine.csv</c> (file, line, column, reason, raw record) as they are found, so
/// memory does not grow with the number of bad rows; counts them per reason for the manifest.
/// </summary>
internal sealed class QuarantineWriter : IDisposable
{
    public const string FileName = "_quarantine.csv";
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _files;

    public QuarantineWriter(string path, IReadOnlyList<string> files)
    {
        _files = files;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        _writer.Write("file,line,column,reason,raw\n");
    }

    public long Rows { get; private set; }

    public SortedDictionary<string, long> Reasons { get; } = new(StringComparer.Ordinal);

    public void Write(QuarantinedRow row)
    {
        Rows++;
        Reasons[row.Category] = Reasons.GetValueOrDefault(row.Category) + 1;
        _writer.Write(Escape(_files[row.FileIndex]));
        _writer.Write(',');
        _writer.Write(row.Line.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(row.Column?.ToString(CultureInfo.InvariantCulture) ?? "");
        _writer.Write(',');
        _writer.Write(Escape(row.Reason));
        _writer.Write(',');
        _writer.Write(Escape(row.Raw));
        _writer.Write('\n');
    }

    public void Dispose() => _writer.Dispose();

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
