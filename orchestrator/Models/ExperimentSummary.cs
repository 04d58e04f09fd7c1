using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// A training run in a list: its parameters and headline metrics, the chosen candidate and how many were compared,
/// the version it registered and whether that was promoted (and is production now), and the run that trained it.
/// </summary>
public sealed record ExperimentSummary(
    int Version,
    DateTimeOffset CreatedAt,
    RunAttempt? Run,
    ExperimentParameters Parameters,
    ExperimentMetrics Metrics,
    ExperimentCandidate? Chosen,
    int CandidateCount,
    PromotionDecision Promotion,
    bool IsProduction)
{
    public static ExperimentSummary Of(ExperimentView view) =>
        new(view.Version, view.CreatedAt, view.Run, view.Parameters, view.Metrics, view.Candidates.FirstOrDefault(c => c.Chosen), view.Candidates.Count, view.Promotion, view.IsProduction);
}
