namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// A write-only file stream whose asynchronous writes run synchronously. Parquet.Net writes every page through
/// WriteAsync; on a file opened for synchronous I/O each call was handed to the thread pool and copied through the
/// stream's buffer, about a tenth of the Chunker's CPU on two cores. Chunk writers already run on pool threads of
/// their own, so blocking them on a write to the page cache costs nothing.
/// </summary>
internal sealed class SynchronousWriteStream(string path) : Stream
{
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);

    public override bool CanRead => false;

    public override bool CanSeek => _file.CanSeek;

    public override bool CanWrite => true;

    public override long Length => _file.Length;

    public override long Position
    {
        get => _file.Position;
        set => _file.Position = value;
    }

    public override void Flush() => _file.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        _file.Flush();
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);

    public override void SetLength(long value) => _file.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _file.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _file.Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _file.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file.Dispose();
        }

        base.Dispose(disposing);
    }
}
