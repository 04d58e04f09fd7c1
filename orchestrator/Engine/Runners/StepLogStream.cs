using Pipeline.Orchestrator.Engine.Runs;
using System.Globalization;
using System.Text;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// An attempt's log file that never stops the copy of a step's output: a write that fails (the data root is full,
/// ENOSPC) drops those bytes and counts them, so the pipe is still drained and the step never blocks in
/// <c>write()</c>; once writing works again (space was freed) a marker line says how much is missing. Without it, a
/// full disk ended the copy silently and a step printing more than the pipe holds (64 KiB) hung for ever.
/// </summary>
public sealed class StepLogStream : Stream
{
    private readonly FileStream _file;
    private long _droppedSinceMarker;

    private StepLogStream(FileStream file) => _file = file;

    /// <summary>Bytes of output that could not be written.</summary>
    public long Dropped { get; private set; }

    /// <summary>Why the first dropped bytes could not be written; null when none were.</summary>
    public string? Problem { get; private set; }

    public static StepLogStream Open(string path, FileMode mode) =>
        new(new FileStream(path, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, useAsync: true));

    /// <summary>A sentence for the attempt when bytes were dropped from either log; null when none were.</summary>
    public static string? Describe(StepLogStream stdout, StepLogStream stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var dropped = stdout.Dropped + stderr.Dropped;
        return dropped == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{dropped} bytes of the step's output were not logged: {stdout.Problem ?? stderr.Problem}");
    }

    /// <summary>
    /// <paramref name="result"/> with the dropped bytes said on it (its error, even when it succeeded) and counted,
    /// unchanged when none were dropped.
    /// </summary>
    public static AttemptResult Report(AttemptResult result, StepLogStream stdout, StepLogStream stderr)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Describe(stdout, stderr) is { } dropped
            ? result with { Error = result.Error is null ? dropped : $"{result.Error}; {dropped}", LogBytesDropped = stdout.Dropped + stderr.Dropped }
            : result;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            if (_droppedSinceMarker > 0)
            {
                await _file.WriteAsync(Marker(_droppedSinceMarker), cancellationToken);
                _droppedSinceMarker = 0;
            }

            await _file.WriteAsync(buffer, cancellationToken);
        }
        catch (IOException e)
        {
            Drop(buffer.Length, e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
        try
        {
            _file.Flush();
        }
        catch (IOException e)
        {
            Problem ??= e.Message;
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
        if (disposing)
        {
            try
            {
                _file.Dispose();
            }
            catch (IOException e)
            {
                Problem ??= e.Message;
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync();
        }
        catch (IOException e)
        {
            Problem ??= e.Message;
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Drop(int bytes, IOException e)
    {
        Dropped += bytes;
        _droppedSinceMarker += bytes;
        Problem ??= e.Message;
    }

    private static byte[] Marker(long dropped) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n[pipeline: {dropped} bytes of output were dropped here: the log could not be written]\n"));
}
