using System.Collections;
using System.Globalization;

namespace Pipeline.Steps.Formats;

/// <summary>
/// Which orchestrator run, step and attempt started this process (<c>PIPELINE_RUN_ID</c>, <c>PIPELINE_STEP_ID</c>,
/// <c>PIPELINE_ATTEMPT</c>), so what a step records can be traced back to the run that made it.
/// </summary>
public sealed record RunAttempt(string? RunId, string? StepId, int? Attempt)
{
    /// <summary>The attempt named by the environment, or null when none of the variables is set (a step run by hand).</summary>
    public static RunAttempt? From(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var runId = Text("PIPELINE_RUN_ID");
        var stepId = Text("PIPELINE_STEP_ID");
        int? attempt = int.TryParse(Text("PIPELINE_ATTEMPT"), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        return runId is null && stepId is null && attempt is null ? null : new RunAttempt(runId, stepId, attempt);

        string? Text(string name) => environment[name] is string { Length: > 0 } value ? value : null;
    }
}
