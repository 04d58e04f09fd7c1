using System.Globalization;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// Decides whether a new version becomes production: in auto mode when its Davies-Bouldin index is at most
/// <c>--max-degradation</c> percent above the production version's (lower is better), and always when there is no
/// production version or its features differ (the old model cannot score the new features). With a limit on the
/// share of rows that change cluster (<c>--max-moved-share</c> below 1), a version that moves more of them against
/// production is kept as a candidate however good its index: consumers of the clusters would see them reshuffled.
/// </summary>
internal static class PromotionRule
{
    public static PromotionDecision Decide(
        string mode, double maxDegradationPercent, double maxMovedShare, ModelQuality quality, ClusterStability? stability, ModelVersion? production, IReadOnlyList<string> features)
    {
        if (mode == "always")
        {
            return new PromotionDecision(true, "--promote always");
        }

        if (mode == "never")
        {
            return new PromotionDecision(false, "--promote never: registered as a candidate");
        }

        if (production is null)
        {
            return new PromotionDecision(true, "no production version yet");
        }

        if (!production.Features.SequenceEqual(features))
        {
            return new PromotionDecision(true, $"features differ from production version {production.Version}");
        }

        var limit = production.Quality.DaviesBouldin * (1 + (maxDegradationPercent / 100));
        var change = production.Quality.DaviesBouldin == 0 ? 0 : ((quality.DaviesBouldin / production.Quality.DaviesBouldin) - 1) * 100;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Davies-Bouldin {quality.DaviesBouldin:G4} vs {production.Quality.DaviesBouldin:G4} of production version {production.Version} ({change:+0.0;-0.0;0}%, limit +{maxDegradationPercent:0.##}%)");
        if (quality.DaviesBouldin > limit)
        {
            return new PromotionDecision(false, text + ": kept as a candidate");
        }

        if (stability is not null && maxMovedShare < 1)
        {
            var moved = string.Create(CultureInfo.InvariantCulture, $"{stability.MovedShare * 100:0.0}% of rows changed cluster (limit {maxMovedShare * 100:0.0}%)");
            return stability.MovedShare <= maxMovedShare
                ? new PromotionDecision(true, $"{text}; {moved}")
                : new PromotionDecision(false, $"{text}; {moved}: kept as a candidate");
        }

        return new PromotionDecision(true, text);
    }
}
