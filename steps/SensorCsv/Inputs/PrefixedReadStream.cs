namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>Replays a few bytes already read (to sniff the format) before the rest of the inner stream.</summary>
internal sealed class PrefixedReadStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyStream(inner)
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefix.IsEmpty)
        {
            return Inner.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..n].CopyTo(buffer);
        _prefix = _prefix[n..];
        // Fill the rest too: a reader that sniffs a byte-order mark must see its three bytes in one read.
        return n < buffer.Length ? n + Inner.Read(buffer[n..]) : n;
    }
}
