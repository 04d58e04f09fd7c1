namespace Pipeline.Chaos.Scenarios;

/// <summary>The short lease the fault scenarios use to stay fast, and the take-over target it implies.</summary>
internal static class Leases
{
    public static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A killed server's lease lapses at most one lease after the kill (it was renewed every third of it); the other
    /// servers look for lapsed leases every second and claim the step within a poll; half a second more covers the
    /// claim itself on a loaded machine.
    /// </summary>
    public static TimeSpan TakeoverLimit(TimeSpan lease) => lease + TimeSpan.FromSeconds(1) + RigSettings.DefaultPoll + TimeSpan.FromSeconds(0.5);
}
