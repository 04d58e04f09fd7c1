using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>One timed load of <c>pg-load</c>: what it runs, whether it starts from an empty table, what it must do.</summary>
internal sealed record PgLoadCase(string Label, bool FromEmptyTable, ReplaceRunResult Expected, Func<CancellationToken, Task<ReplaceRunResult>> Load)
{
    public List<double> Seconds { get; } = [];
}
