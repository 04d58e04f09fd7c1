using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// Where an attempt's output is kept: <c>{dataRoot}/runs/{runId}/_logs/{stepId}/{attempt}.stdout.log</c> and
/// <c>.stderr.log</c>. Beside the step's output folder, not in it, because a step replaces its output folder whole.
/// </summary>
public sealed record AttemptLogs(string StdoutPath, string StderrPath)
{
    public static AttemptLogs For(string dataRoot, AttemptKey attempt)
    {
        var folder = Path.Combine(dataRoot, "runs", attempt.RunId, "_logs", attempt.StepId);
        var stem = Path.Combine(folder, attempt.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new AttemptLogs(stem + ".stdout.log", stem + ".stderr.log");
    }
}
