namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>How an attempt ended, as the runner saw it.</summary>
/// <param name="State">One of <see cref="AttemptStates"/> other than running.</param>
/// <param name="ExitCode">The program's exit code, when it exited.</param>
/// <param name="Error">What went wrong, in a sentence, for failures.</param>
/// <param name="Retryable">False when the program said retrying will not help (exit 64, 65, 66, 78).</param>
public sealed record AttemptResult(string State, int? ExitCode, string? Error, bool Retryable)
{
    public bool Succeeded => State == AttemptStates.Succeeded;

    /// <summary>
    /// The container image the attempt ran in, when a runner knows it (the Docker runner): the image's registry
    /// digest (<c>name@sha256:…</c>) when it came from a registry, else its local image id (<c>sha256:…</c>). The
    /// catalog records it with every partition the attempt wrote, as the program's exact version.
    /// </summary>
    public string? ImageDigest { get; init; }

    /// <summary>
    /// For a partitioned step's own attempt, which runs no program: the days it fans out into, in the order they
    /// should start (each becomes a step run of its own when the result is recorded).
    /// </summary>
    public IReadOnlyList<string>? PartitionKeys { get; init; }

    /// <summary>
    /// For a lost attempt, how many earlier attempts of the step were lost too (the store counts them): an attempt
    /// its server interrupted does not spend one of the step's retries, up to <see cref="RunProgress.MaxFreeInterruptions"/>.
    /// </summary>
    public int PriorInterruptions { get; init; }

    /// <summary>Bytes of the step's output that could not be written to its log (a full disk): counted in the metrics.</summary>
    public long LogBytesDropped { get; init; }
}
