namespace Pipeline.Chaos.Scenarios;

/// <summary>How a scenario's servers run: the lease (null: the default), storage, trigger pace, step output size.</summary>
internal sealed record RigSettings
{
    /// <summary>The engine's defaults (EngineOptions), which the report names.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>Engine:LeaseDuration; null leaves the default.</summary>
    public TimeSpan? Lease { get; init; }

    /// <summary>A PostgreSQL connection string; null: the default SQLite file, in the scenario's folder.</summary>
    public string? Database { get; init; }

    public TimeSpan TriggerInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Bytes each step prints to stdout (the full-disk scenario prints more than a pipe holds).</summary>
    public int OutputBytes { get; init; }

    public TimeSpan EffectiveLease => Lease ?? DefaultLease;

    /// <summary>For the report: which settings are the defaults and which are not.</summary>
    public string Describe() =>
        (Lease is { } lease ? $"lease {lease.TotalSeconds:0} s (short), poll 0.5 s, drain 30 s: defaults" : "engine defaults: lease 30 s, poll 0.5 s, drain 30 s")
        + (Database is null ? "; SQLite" : "; PostgreSQL") + "; steps without retries";
}
