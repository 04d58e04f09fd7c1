using System.Buffers.Text;

namespace Pipeline.Benchmarks.Generation;

/// <summary>
/// Formats CSV fields straight into a UTF-8 byte buffer and hands full buffers to the stream: no string per row,
/// no culture lookups (numbers are written as scaled integers, which is exact and invariant).
/// </summary>
internal sealed class Utf8CsvBuffer(Stream stream, int capacity = 1 << 20)
{
    // Longest field the generator writes is far below this; a row never straddles a flush.
    private const int RowReserve = 256;
    private static readonly long[] Scales = [1, 10, 100, 1000, 10000];

    private readonly byte[] _buffer = new byte[capacity];
    private int _position;

    public long BytesWritten { get; private set; }

    /// <summary>Makes room for the next row; call once per row.</summary>
    public void BeginRow()
    {
        if (_position > _buffer.Length - RowReserve)
        {
            Flush();
        }
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    public void Write(byte value) => _buffer[_position++] = value;

    /// <summary>Writes <paramref name="value"/> rounded to <paramref name="decimals"/> places, e.g. <c>-3.07</c>.</summary>
    public void WriteFixed(double value, int decimals)
    {
        var scale = Scales[decimals];
        var scaled = (long)Math.Round(value * scale, MidpointRounding.AwayFromZero);
        if (scaled < 0)
        {
            Write((byte)'-');
            scaled = -scaled;
        }

        var whole = Math.DivRem(scaled, scale, out var fraction);
        Utf8Formatter.TryFormat(whole, _buffer.AsSpan(_position), out var written);
        _position += written;
        if (decimals == 0)
        {
            return;
        }

        Write((byte)'.');
        for (var i = decimals - 1; i >= 0; i--)
        {
            _buffer[_position + i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        _position += decimals;
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _position);
        BytesWritten += _position;
        _position = 0;
    }
}
