using System.Globalization;
using System.Text;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Report;

/// <summary>The report as markdown: one row per scenario, then each scenario's settings, notes and missed targets.</summary>
internal static class ResultTable
{
    public static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| scenario | faults | runs triggered | runs lost | runs stuck | duplicate effects | launched twice: overlapping / re-run | failed runs | recovery |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            text.AppendLine(r.Skipped is not null
                ? $"| {r.Scenario} | skipped | | | | | | | {Escape(r.Skipped)} |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Scenario}{(r.Misses.Count > 0 ? " ✗" : "")} | {r.Faults} | {r.RunsTriggered} | {r.RunsLost} | {r.RunsStuck} | {r.DuplicateEffects} | {r.LaunchedTwiceOverlapping} / {r.LaunchedTwiceReRun} | {r.FailedRuns} | {Escape(r.Recovery)} |"));
        }

        text.AppendLine();
        foreach (var r in results.Where(r => r.Skipped is null))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- **{r.Scenario}** ({r.DurationSeconds:0} s; {r.Settings})"));
            foreach (var note in r.Notes)
            {
                text.AppendLine($"  - {note}");
            }

            foreach (var miss in r.Misses)
            {
                text.AppendLine($"  - MISSED: {miss}");
            }
        }

        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
