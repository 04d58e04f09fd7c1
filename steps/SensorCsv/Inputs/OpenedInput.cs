using System.Text;

namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>An input opened for reading as text, with the hash of its raw bytes computed along the way.</summary>
internal sealed class OpenedInput(InputSource source, HashingReadStream raw, TextReader text) : IDisposable
{
    public InputSource Source { get; } = source;

    public TextReader Text { get; } = text;

    public long BytesRead => raw.BytesRead;

    /// <summary>Finishes hashing (reading any bytes the parser did not need) and returns the SHA-256 hex digest.</summary>
    public string FinishHash() => raw.Finish();

    public void Dispose() => Text.Dispose();

    public static TextReader Decode(Stream stream) =>
        new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: false);
}
