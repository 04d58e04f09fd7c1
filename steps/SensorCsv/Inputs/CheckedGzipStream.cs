using System.IO.Compression;
using System.Security.Cryptography;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>
/// Inflates gzip and refuses data cut short. .NET's <see cref="GZipStream"/> checks each member's CRC-32 and length
/// when it reaches the member's end, but when the input ends first it just ends, so a truncated download or upload
/// would read as a shorter file. Here a sentinel member of 16 random bytes is appended after the input: zlib only
/// decodes it as a member of its own once the input's last member ended with a valid trailer, so the output ends
/// with those bytes exactly when the input was whole. They are held back from the reader and checked at the end.
/// Bytes after the last member that are not gzip (padding) are refused the same way: the sentinel is never reached.
/// </summary>
internal sealed class CheckedGzipStream : ReadOnlyStream
{
    private const int SentinelLength = 16;
    private readonly byte[] _sentinel;
    private readonly byte[] _held = new byte[SentinelLength];
    private readonly string _location;
    private byte[] _scratch = [];
    private int _heldCount;
    private bool _ended;

    public CheckedGzipStream(Stream compressed, string location)
        : this(compressed, location, RandomNumberGenerator.GetBytes(SentinelLength))
    {
    }

    private CheckedGzipStream(Stream compressed, string location, byte[] sentinel)
        : base(new GZipStream(new SuffixedReadStream(compressed, Compress(sentinel)), CompressionMode.Decompress))
    {
        _sentinel = sentinel;
        _location = location;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_ended || buffer.IsEmpty)
        {
            return 0;
        }

        if (_scratch.Length < buffer.Length + SentinelLength)
        {
            _scratch = new byte[buffer.Length + SentinelLength];
        }

        // The scratch holds the bytes held back, then what the inflater gives; all but the last 16 go to the reader.
        _held.AsSpan(0, _heldCount).CopyTo(_scratch);
        var total = _heldCount;
        while (total <= SentinelLength)
        {
            var n = Inflate(_scratch.AsSpan(total, buffer.Length));
            if (n == 0)
            {
                _ended = true;
                if (total != SentinelLength || !_scratch.AsSpan(0, SentinelLength).SequenceEqual(_sentinel))
                {
                    throw CutShort(null);
                }

                return 0;
            }

            total += n;
        }

        var give = total - SentinelLength;
        _scratch.AsSpan(0, give).CopyTo(buffer);
        _scratch.AsSpan(give, SentinelLength).CopyTo(_held);
        _heldCount = SentinelLength;
        return give;
    }

    private int Inflate(Span<byte> into)
    {
        try
        {
            return Inner.Read(into);
        }
        catch (InvalidDataException e)
        {
            // zlib's words for a bad header or check ("unsupported compression method") would mislead; say what it is.
            throw CutShort(e);
        }
    }

    private StepException CutShort(Exception? inner) => new(
        StepExitCodes.DataError,
        "the gzip data is cut short or corrupt: it ends before its last member's CRC-32 and length, or they do not match what it holds, or bytes that are not gzip follow it",
        new SourceLocation(_location),
        inner);

    private static byte[] Compress(byte[] sentinel)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(sentinel);
        }

        return compressed.ToArray();
    }

    /// <summary>The inner stream, then a few bytes more.</summary>
    private sealed class SuffixedReadStream(Stream inner, byte[] suffix) : ReadOnlyStream(inner)
    {
        private int _suffixRead = -1;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_suffixRead < 0)
            {
                var n = Inner.Read(buffer);
                if (n > 0 || buffer.IsEmpty)
                {
                    return n;
                }

                _suffixRead = 0;
            }

            var take = Math.Min(buffer.Length, suffix.Length - _suffixRead);
            suffix.AsSpan(_suffixRead, take).CopyTo(buffer);
            _suffixRead += take;
            return take;
        }
    }
}
