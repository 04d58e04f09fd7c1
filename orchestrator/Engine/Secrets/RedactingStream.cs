using System.Text;

namespace Pipeline.Orchestrator.Engine.Secrets;

/// <summary>
/// A write-only stream that replaces secret values with <see cref="SecretValues.Mask"/> on their way into a log
/// file. A value may arrive split over two writes (a pipe read, a container log frame), so the end of a write that
/// could be the start of a value is held back until the next write shows whether it is one; everything else is
/// written at once, so a log follower sees output as it comes. Held bytes are written when the stream is disposed
/// (the end of the output), redacted if they hold a whole shorter value.
/// </summary>
internal sealed class RedactingStream : Stream
{
    private static readonly byte[] MaskBytes = Encoding.UTF8.GetBytes(SecretValues.Mask);

    private readonly Stream _inner;
    private readonly byte[][] _secrets;
    private readonly Lock _gate = new();
    private byte[] _held = [];
    private bool _disposed;

    public RedactingStream(Stream inner, IEnumerable<string> secrets)
    {
        _inner = inner;
        _secrets = [.. secrets.Where(s => s.Length > 0).Select(Encoding.UTF8.GetBytes).OrderByDescending(s => s.Length)];
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _inner.Write(Redact(buffer, final: false));
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        // Log files are written unbuffered to local disk: a synchronous write under the lock keeps writes in order.
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Flushes the file; what is held back stays held (a flush between two halves of a value must not split it).</summary>
    public override void Flush()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _inner.Flush();
            }
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Complete())
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Complete())
        {
            await _inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The stream's end, where no more of a value can come: writes what is held back, redacted; false when already done.</summary>
    private bool Complete()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _inner.Write(Redact([], final: true));
            _disposed = true;
            return true;
        }
    }

    /// <summary>
    /// The held bytes and <paramref name="data"/> with every value masked; unless <paramref name="final"/>, a tail that
    /// is the start of a value (and could still be completed) is kept in <see cref="_held"/> instead of returned.
    /// </summary>
    private byte[] Redact(ReadOnlySpan<byte> data, bool final)
    {
        var buffer = new byte[_held.Length + data.Length];
        _held.CopyTo(buffer, 0);
        data.CopyTo(buffer.AsSpan(_held.Length));
        _held = [];
        using var output = new MemoryStream(buffer.Length);
        var i = 0;
        while (i < buffer.Length)
        {
            // A longer value that the next write might complete comes first: masking a shorter one it starts with
            // now would let the longer one's remainder through.
            if (!final && CouldStartAValue(buffer.AsSpan(i)))
            {
                _held = buffer[i..];
                break;
            }

            var match = ValueAt(buffer.AsSpan(i));
            if (match is not null)
            {
                output.Write(MaskBytes);
                i += match.Length;
            }
            else
            {
                output.WriteByte(buffer[i]);
                i++;
            }
        }

        return output.ToArray();
    }

    /// <summary>Whether <paramref name="rest"/> (the end of what was written) is the start of a longer value.</summary>
    private bool CouldStartAValue(ReadOnlySpan<byte> rest)
    {
        foreach (var secret in _secrets)
        {
            if (secret.Length > rest.Length && secret.AsSpan().StartsWith(rest))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The longest value <paramref name="rest"/> starts with, or null.</summary>
    private byte[]? ValueAt(ReadOnlySpan<byte> rest)
    {
        foreach (var secret in _secrets)
        {
            if (rest.StartsWith(secret))
            {
                return secret;
            }
        }

        return null;
    }
}
