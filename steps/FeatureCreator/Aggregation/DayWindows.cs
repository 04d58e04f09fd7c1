using System.Threading.Channels;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// Hands the run's sensor-days over a window of days at a time, as soon as every reading of those days has been read,
/// so that memory holds the days being read rather than every sensor-day of the input (860,000 of them for 20,000
/// sensors over six weeks). Files are merged in path order; the Chunker's day folders put that in day order, and
/// then the days before a file's earliest day are complete when it comes (before it is merged). Nothing else is assumed: a file with a
/// day before one already handed over (an input in no day order) marks the run <see cref="Unordered"/>, and the
/// caller reads it again holding every sensor-day.
/// </summary>
internal sealed class DayWindows
{
    /// <summary>
    /// Windows handed over and not yet made into features, past which the readers wait: reading a day is faster than
    /// writing its features, and windows piling up would hold the sensor-days the windows exist to let go.
    /// </summary>
    private const int MaxWaiting = 1;

    private readonly Channel<FeatureAggregate> _windows = Channel.CreateUnbounded<FeatureAggregate>(new UnboundedChannelOptions { SingleReader = true });
    // Completed (and replaced) whenever a window is taken: every reader waiting looks again. A semaphore woke one
    // reader per window taken, and a reader left waiting after the others finished hung the run.
    private TaskCompletionSource _taken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateOnly? _handedOverBefore;
    private int _waiting;

    /// <summary>The windows, in day order.</summary>
    public ChannelReader<FeatureAggregate> Reader => _windows.Reader;

    /// <summary>A file held a day already handed over: the windows are incomplete and must be thrown away.</summary>
    public bool Unordered { get; private set; }

    /// <summary>
    /// Called in file order, before a file's partial (whose earliest day is <paramref name="earliest"/>) is merged
    /// into <paramref name="target"/>: hands over the days before it, which no later file holds. False when the file
    /// breaks the day order.
    /// </summary>
    public bool Before(DateOnly? earliest, FeatureAggregate target)
    {
        if (Unordered || earliest is not { } day)
        {
            return !Unordered;
        }

        if (_handedOverBefore is { } before && day < before)
        {
            Unordered = true;
            _windows.Writer.TryComplete();
            return false;
        }

        if (_handedOverBefore is null || day > _handedOverBefore)
        {
            _handedOverBefore = day;
            Hand(target.TakeBefore(day));
        }

        return true;
    }

    /// <summary>Every file is merged: the days left are the last window.</summary>
    public void Complete(FeatureAggregate target)
    {
        if (!Unordered)
        {
            Hand(target.TakeAll());
        }

        _windows.Writer.TryComplete();
    }

    /// <summary>Ends the windows early (a failed or stopped read): the reader stops, and the last days are not handed over.</summary>
    public void End() => _windows.Writer.TryComplete();

    /// <summary>Waits, before reading another file, while windows wait to be made into features.</summary>
    public async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // Read before the count: a window taken in between completes this one.
            var taken = Volatile.Read(ref _taken);
            if (Volatile.Read(ref _waiting) <= MaxWaiting)
            {
                return;
            }

            await taken.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A window has been made into features: a reader waiting may go on.</summary>
    public void Taken()
    {
        Interlocked.Decrement(ref _waiting);
        Interlocked.Exchange(ref _taken, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private void Hand(FeatureAggregate window)
    {
        if (window.GroupCount > 0)
        {
            Interlocked.Increment(ref _waiting);
            _windows.Writer.TryWrite(window);
        }
    }
}
