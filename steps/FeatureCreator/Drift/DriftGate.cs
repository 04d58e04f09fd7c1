using System.Globalization;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.FeatureCreator.Drift;

/// <summary>The reason a drift gate fails: the features that drifted, most drifted first, with their z-scores.</summary>
internal static class DriftGate
{
    /// <summary>Null when nothing drifted.</summary>
    public static string? Reason(IReadOnlyDictionary<string, DriftResult> drift, string where)
    {
        var drifted = drift.Where(d => d.Value.Drifted).OrderByDescending(d => Math.Abs(d.Value.ZScore ?? 0)).ToList();
        if (drifted.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", drifted.Take(5).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} (z = {d.Value.ZScore:0.##})")));
        var more = drifted.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {drifted.Count - 5} more") : "";
        return string.Create(CultureInfo.InvariantCulture, $"drift gate: {drifted.Count} feature(s) drifted {where}: {named}{more}");
    }
}
