using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// One training run of a model with every candidate it compared: its parameters, metrics, the version it registered,
/// that version's promotion decision and whether it is production now, the data it trained on, and the orchestrator
/// run, step and attempt that trained it (null when trained by hand).
/// </summary>
public sealed record ExperimentView(
    int Version,
    DateTimeOffset CreatedAt,
    int? ParentVersion,
    RunAttempt? Run,
    ExperimentParameters Parameters,
    ExperimentMetrics Metrics,
    IReadOnlyList<ExperimentCandidate> Candidates,
    TrainingData Training,
    PromotionDecision Promotion,
    bool IsProduction)
{
    /// <summary>The view of a version's training run, or null for a version registered before runs were recorded.</summary>
    public static ExperimentView? Of(ModelVersion version, ProductionPointer? production) =>
        version.Experiment is not { } experiment
            ? null
            : new(version.Version, version.CreatedAt, version.ParentVersion, experiment.Run, experiment.Parameters, experiment.Metrics,
                experiment.Candidates, version.Training, version.Promotion, production?.Version == version.Version);
}
