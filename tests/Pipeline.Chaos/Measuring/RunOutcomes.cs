using System.Text.Json.Nodes;
using Pipeline.Chaos.Harness;

namespace Pipeline.Chaos.Measuring;

/// <summary>Reads what became of the acknowledged runs, through whichever server still serves.</summary>
internal static class RunOutcomes
{
    /// <summary>
    /// Polls the runs list until every acknowledged run is final or <paramref name="deadline"/> passes, then reads
    /// each run's detail: a 404 there is a lost run.
    /// </summary>
    public static async Task<IReadOnlyList<RunOutcome>> WaitAsync(
        Func<PipelineApi?> api, string workflowId, IReadOnlyCollection<string> runIds, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var states = await ListAsync(api, workflowId, cancellationToken);
            if (states is not null && runIds.All(id => states.TryGetValue(id, out var state) && state is "succeeded" or "failed" or "cancelled"))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var outcomes = new List<RunOutcome>();
        foreach (var id in runIds)
        {
            outcomes.Add(await DetailAsync(api, id, cancellationToken));
        }

        return outcomes;
    }

    private static async Task<Dictionary<string, string>?> ListAsync(Func<PipelineApi?> api, string workflowId, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        string? next = null;
        do
        {
            if (api() is not { } client)
            {
                return null;
            }

            var path = $"/api/runs?workflow={workflowId}&limit=500" + (next is null ? "" : $"&before={Uri.EscapeDataString(next)}");
            var (status, body) = await client.GetAsync(path, cancellationToken);
            if (status != 200 || body is null)
            {
                return null;
            }

            foreach (var item in body["runs"]?.AsArray() ?? [])
            {
                var run = item?["run"];
                if (run?["id"]?.GetValue<string>() is { } id)
                {
                    states[id] = run["state"]?.GetValue<string>() ?? "?";
                }
            }

            next = body["next"]?.GetValue<string>();
        }
        while (next is not null);

        return states;
    }

    private static async Task<RunOutcome> DetailAsync(Func<PipelineApi?> api, string runId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (api() is { } client)
            {
                var (status, body) = await client.GetAsync($"/api/runs/{runId}", cancellationToken);
                if (status == 404)
                {
                    return new RunOutcome(runId, "missing", null, null);
                }

                if (status == 200 && body?["run"] is JsonNode run)
                {
                    var finished = run["finishedAt"]?.GetValue<DateTimeOffset>();
                    return new RunOutcome(runId, run["state"]?.GetValue<string>() ?? "?", finished, body);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        // No server answered: as far as anyone can tell it has not finished.
        return new RunOutcome(runId, "unknown", null, null);
    }
}
