using System.Runtime.ExceptionServices;
using Pipeline.Steps.FeatureCreator.Aggregation;

namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>
/// Reads the chunk files with a few workers, each taking the next unread file and keeping its own buffers, and
/// merges their partials in file order. The first real failure stops the other workers and is the one reported.
/// <see cref="ScanAsync"/> holds every sensor-day until the end; <see cref="StreamAsync"/> hands them over a window of
/// days at a time.
/// </summary>
internal sealed class ChunkScanner
{
    private readonly IReadOnlyList<string> _files;
    private readonly IReadOnlyList<string> _valueColumns;
    private readonly IReadOnlyList<string> _textColumns;
    private readonly VariedTexts? _variedTexts;
    private readonly IReadOnlyDictionary<string, (double Low, double High)>? _keptWithin;
    private readonly OrderedMerger _merger;
    private readonly DayWindows? _windows;
    private readonly SensorDayPool _pool;
    private ExceptionDispatchInfo? _failure;
    private int _next = -1;

    private ChunkScanner(
        IReadOnlyList<string> files, IReadOnlyList<string> valueColumns, IReadOnlyList<string> textColumns, IReadOnlyDictionary<string, (double Low, double High)>? keptWithin, bool detecting,
        DayWindows? windows = null)
    {
        _files = files;
        _valueColumns = valueColumns;
        _textColumns = textColumns;
        _variedTexts = detecting ? new VariedTexts(textColumns.Count) : null;
        _keptWithin = keptWithin;
        _merger = new OrderedMerger(files.Count, new FeatureAggregate(), windows);
        _pool = new SensorDayPool(valueColumns.Count, textColumns.Count);
        _windows = windows;
    }

    /// <summary>
    /// Aggregates <paramref name="files"/>; with <paramref name="keptWithin"/>, readings outside a column's bounds count
    /// as missing (the outliers, when excluded); <paramref name="textColumns"/> are read for sensor attributes,
    /// exactly, or only until they vary when <paramref name="detecting"/> them (see <see cref="VariedTexts"/>).
    /// </summary>
    public static async Task<FeatureAggregate> ScanAsync(
        IReadOnlyList<string> files, IReadOnlyList<string> valueColumns, int workers, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, (double Low, double High)>? keptWithin = null, IReadOnlyList<string>? textColumns = null, bool detecting = false)
    {
        var scanner = new ChunkScanner(files, valueColumns, textColumns ?? [], keptWithin, detecting);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var count = Math.Clamp(workers, 1, Math.Max(1, files.Count));
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => scanner.WorkAsync(stop), CancellationToken.None)));
        scanner._failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return scanner._merger.Target;
    }

    /// <summary>
    /// Aggregates <paramref name="files"/> as <see cref="ScanAsync"/> does, handing each window of days whose readings
    /// have all been read to <paramref name="onWindow"/> (in day order, one at a time) and keeping only the run's
    /// counts and histograms; returns those. Null when the files are in no day order (<see cref="DayWindows"/>):
    /// the windows handed over are then incomplete, and the caller reads the files again with <see cref="ScanAsync"/>.
    /// </summary>
    public static async Task<FeatureAggregate?> StreamAsync(
        IReadOnlyList<string> files, IReadOnlyList<string> valueColumns, int workers, Func<FeatureAggregate, Task> onWindow, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, (double Low, double High)>? keptWithin = null, IReadOnlyList<string>? textColumns = null, bool detecting = false)
    {
        var windows = new DayWindows();
        var scanner = new ChunkScanner(files, valueColumns, textColumns ?? [], keptWithin, detecting, windows);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var count = Math.Clamp(workers, 1, Math.Max(1, files.Count));
        var reading = scanner.ReadAllAsync(count, stop, windows);
        try
        {
            // The workers read ahead while a window is made into features; only this loop touches the windows.
            await foreach (var window in windows.Reader.ReadAllAsync(CancellationToken.None))
            {
                await onWindow(window);
                // Made into features: its segments serve the days still to read.
                window.Release();
                // The runtime sizes the youngest generation's budget from the processor's cache, and on a machine that
                // reports a large one (504 MiB here) a day's short-lived garbage (strings, decoded pages, the writer's
                // buffers) reached about 200 MB between collections. Collecting it once a day written bounds that for a
                // few milliseconds a day: 100,000 sensors over 25 days peaked at 217-285 MiB instead of 327-377 MiB.
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                windows.Taken();
            }
        }
        catch
        {
            await stop.CancelAsync();
            await reading;
            throw;
        }

        await reading;
        scanner._failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        return windows.Unordered ? null : scanner._merger.Target;
    }

    private async Task ReadAllAsync(int workers, CancellationTokenSource stop, DayWindows windows)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stop), CancellationToken.None)));
        if (_failure is null && !stop.IsCancellationRequested)
        {
            windows.Complete(_merger.Target);
        }
        else
        {
            windows.End();
        }
    }

    private async Task WorkAsync(CancellationTokenSource stop)
    {
        var reader = new ChunkFileReader(_valueColumns, _textColumns, _keptWithin, _variedTexts, _pool);
        try
        {
            int index;
            while (true)
            {
                if (_windows is not null)
                {
                    await _windows.WaitForRoomAsync(stop.Token);
                }

                if ((index = Interlocked.Increment(ref _next)) >= _files.Count)
                {
                    break;
                }

                stop.Token.ThrowIfCancellationRequested();
                if (!_merger.Complete(index, await reader.ReadAsync(_files[index], stop.Token)))
                {
                    // Out of day order: the caller reads again, holding every sensor-day; no use reading on.
                    await stop.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // A cancellation caused by another worker's failure (or by a signal) is not itself the failure.
            if (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(e), null);
            }

            await stop.CancelAsync();
        }
    }
}
