namespace Pipeline.Orchestrator.Api;

/// <summary>
/// The file part's body as the receiver reads it: what the multipart reader throws for a body that breaks the
/// format becomes a <see cref="MalformedMultipartException"/>, so the upload answers 400 instead of 500, while
/// Kestrel's own refusals (413, a body cut short) and the receiver's disk errors keep their meaning.
/// </summary>
internal sealed class MultipartFileStream(Stream part) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await part.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (MultipartProblems.Describe(e) is { } problem)
        {
            throw new MalformedMultipartException(problem, e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read the upload asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            part.Dispose();
        }

        base.Dispose(disposing);
    }
}
