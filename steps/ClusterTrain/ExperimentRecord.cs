using Pipeline.Steps.ClusterTrain.Training;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>What a training run registers about itself beside the version, so runs can be listed and compared later.</summary>
internal static class ExperimentRecord
{
    public static TrainingExperiment Of(
        ClusterTrainOptions options, TrainingSet set, IReadOnlyList<Candidate> candidates, Candidate best, StepTimings timings, RunAttempt? run) => new()
    {
        Parameters = new ExperimentParameters(
            options.ResolveK(), options.Seed, options.Restarts, options.MaxIterations, options.Scaling, options.Selection, options.Promote,
            options.MaxDegradation, set.Table.Features, options.Input)
        {
            MaxMissingShare = options.Features is null ? options.MaxMissingShare : null,
            MaxMovedShare = options.MaxMovedShare,
        },
        // Registration is still to come when this is written into the version, so only the phases before it are known.
        Metrics = new ExperimentMetrics(set.Table.Rows, set.Rows.Length, set.Skipped, timings.Snapshot()),
        Candidates = [.. candidates.Select(c => new ExperimentCandidate(c.K, c.Seed, Math.Round(c.FitMilliseconds, 3), c.Quality, c.Sizes(), ReferenceEquals(c, best)))],
        Run = run,
    };
}
