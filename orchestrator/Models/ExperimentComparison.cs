using System.Globalization;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// Two training runs side by side: the parameters that differ, how the headline metrics changed (b − a), and their
/// candidates paired by k, so a k one run tried and the other did not shows with one side empty.
/// </summary>
public sealed record ExperimentComparison(
    ExperimentView A, ExperimentView B, IReadOnlyList<ParameterDifference> DifferentParameters, ExperimentDeltas Deltas, IReadOnlyList<CandidatePair> Candidates)
{
    public static ExperimentComparison Of(ExperimentView a, ExperimentView b)
    {
        var before = Describe(a.Parameters);
        var after = Describe(b.Parameters);
        var different = before
            .Where(p => !string.Equals(p.Value, after[p.Key], StringComparison.Ordinal))
            .Select(p => new ParameterDifference(p.Key, p.Value, after[p.Key]))
            .ToList();

        var chosenA = a.Candidates.FirstOrDefault(c => c.Chosen);
        var chosenB = b.Candidates.FirstOrDefault(c => c.Chosen);
        var deltas = new ExperimentDeltas(
            b.Metrics.RowsRead - a.Metrics.RowsRead,
            b.Metrics.RowsTrained - a.Metrics.RowsTrained,
            b.Metrics.RowsSkipped - a.Metrics.RowsSkipped,
            chosenA is null || chosenB is null ? null : chosenB.K - chosenA.K,
            chosenA is null || chosenB is null ? null : Delta(chosenA.Quality, chosenB.Quality),
            a.Metrics.TimingsMs.TryGetValue("train", out var trainA) && b.Metrics.TimingsMs.TryGetValue("train", out var trainB) ? trainB - trainA : null);

        var pairs = a.Candidates.Select(c => c.K).Union(b.Candidates.Select(c => c.K)).Order()
            .Select(k =>
            {
                var left = a.Candidates.FirstOrDefault(c => c.K == k);
                var right = b.Candidates.FirstOrDefault(c => c.K == k);
                return new CandidatePair(k, left, right, left is null || right is null ? null : Delta(left.Quality, right.Quality));
            })
            .ToList();
        return new(a, b, different, deltas, pairs);
    }

    /// <summary>Each parameter as text under its JSON name, so any two runs compare the same way whatever the type.</summary>
    private static Dictionary<string, string> Describe(ExperimentParameters p) => new(StringComparer.Ordinal)
    {
        ["k"] = string.Join(", ", p.K.Select(k => k.ToString(CultureInfo.InvariantCulture))),
        ["seed"] = p.Seed.ToString(CultureInfo.InvariantCulture),
        ["restarts"] = p.Restarts.ToString(CultureInfo.InvariantCulture),
        ["maxIterations"] = p.MaxIterations.ToString(CultureInfo.InvariantCulture),
        ["scaling"] = p.Scaling,
        ["selection"] = p.Selection,
        ["promote"] = p.Promote,
        ["maxDegradation"] = p.MaxDegradation.ToString(CultureInfo.InvariantCulture),
        ["features"] = string.Join(", ", p.Features),
        ["input"] = p.Input,
    };

    private static QualityDelta Delta(ModelQuality a, ModelQuality b) =>
        new(b.DaviesBouldin - a.DaviesBouldin, b.AverageDistance - a.AverageDistance, b.Inertia - a.Inertia);
}

/// <summary>A parameter whose value differs between runs a and b, each as text.</summary>
public sealed record ParameterDifference(string Name, string A, string B);

/// <summary>
/// Run b minus run a: rows, the chosen k, the chosen candidate's quality (lower is better), and training time in
/// milliseconds. Null where either run lacks the figure.
/// </summary>
public sealed record ExperimentDeltas(long RowsRead, long RowsTrained, long RowsSkipped, int? ChosenK, QualityDelta? Quality, double? TrainMs);

/// <summary>The candidates of one k in runs a and b (either may be missing) and b's quality minus a's.</summary>
public sealed record CandidatePair(int K, ExperimentCandidate? A, ExperimentCandidate? B, QualityDelta? Delta);
