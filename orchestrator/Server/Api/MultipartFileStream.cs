using Pipeline.Steps.SensorCsv.Inputs;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// The file part's body as the receiver reads it: what the multipart reader throws for a body that breaks the
/// format becomes a <see cref="MalformedMultipartException"/>, so the upload answers 400 instead of 500, while
/// Kestrel's own refusals (413, a body cut short) and the receiver's disk errors keep their meaning.
/// </summary>
internal sealed class MultipartFileStream(Stream part) : ReadOnlyStream(part)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Inner.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (MultipartProblems.Describe(e) is { } problem)
        {
            throw new MalformedMultipartException(problem, e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read the upload asynchronously");
}
