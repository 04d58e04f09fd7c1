using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Telemetry;

/// <summary>
/// The PromQL of a Grafana dashboard's panels (rows' nested panels included), with its variables as Prometheus can
/// run them: <c>$workflow</c> and <c>$step</c> match everything, <c>$__rate_interval</c> is a minute.
/// </summary>
public static class DashboardQueries
{
    public static IReadOnlyList<string> From(JsonNode dashboard)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        var expressions = new List<string>();
        Collect(dashboard["panels"]?.AsArray() ?? [], expressions);
        return expressions;
    }

    private static void Collect(JsonArray panels, List<string> expressions)
    {
        foreach (var panel in panels)
        {
            foreach (var target in panel?["targets"]?.AsArray() ?? [])
            {
                if (target?["expr"]?.GetValue<string>() is { Length: > 0 } expr)
                {
                    expressions.Add(expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal)
                        .Replace("$workflow", ".*", StringComparison.Ordinal)
                        .Replace("$step", ".*", StringComparison.Ordinal));
                }
            }

            Collect(panel?["panels"]?.AsArray() ?? [], expressions);
        }
    }
}
