using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// The engine's clock, set to the database's: leases are written by one server and judged expired by another, so
/// with each server's own clock a server running ahead by two thirds of a lease took over attempts that were still
/// alive. Every server measures how far its clock is from the database's (half the round trip allowed for, at each
/// lease upkeep) and adds that offset to its own time; timers and delays stay on the server's own clock.
/// </summary>
public sealed class DatabaseAlignedClock(TimeProvider own) : TimeProvider
{
    /// <summary>A slower answer says too little about when the database read its clock; the last offset stands.</summary>
    private static readonly TimeSpan MaxRoundTrip = TimeSpan.FromSeconds(1);

    private long _offsetTicks;
    private bool _aligned;

    /// <summary>How far the database's clock is ahead of this server's (negative: behind).</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => own.LocalTimeZone;

    public override long TimestampFrequency => own.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => own.GetUtcNow() + Offset;

    public override long GetTimestamp() => own.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        own.CreateTimer(callback, state, dueTime, period);

    /// <summary>Whether the offset has been measured once: until then this is the server's own clock.</summary>
    public bool Aligned => Volatile.Read(ref _aligned);

    /// <summary>
    /// Measures the offset again; whether the measurement was taken (a slow answer is not, once there is one: the
    /// first is always taken, since any measurement beats none).
    /// </summary>
    public async Task<bool> AlignAsync(IRunStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var started = own.GetTimestamp();
        var sent = own.GetUtcNow();
        var database = await store.DatabaseNowAsync(cancellationToken);
        var roundTrip = own.GetElapsedTime(started);
        if (roundTrip > MaxRoundTrip && Aligned)
        {
            return false;
        }

        Interlocked.Exchange(ref _offsetTicks, (database - (sent + (roundTrip / 2))).Ticks);
        Volatile.Write(ref _aligned, true);
        return true;
    }
}
