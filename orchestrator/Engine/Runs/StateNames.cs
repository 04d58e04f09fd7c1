namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>The stored and API names of states: kebab-case, as users read them (<c>up-for-retry</c>).</summary>
public static class StateNames
{
    public static string Of(StepState state) => state switch
    {
        StepState.UpForRetry => "up-for-retry",
        StepState.UpstreamFailed => "upstream-failed",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Of(RunState state) => state.ToString().ToLowerInvariant();

    public static StepState ParseStep(string name) =>
        Enum.GetValues<StepState>().FirstOrDefault(s => Of(s) == name, (StepState)(-1)) is var s && s != (StepState)(-1)
            ? s
            : throw new FormatException($"unknown step state '{name}'");

    public static RunState ParseRun(string name) =>
        Enum.GetValues<RunState>().FirstOrDefault(s => Of(s) == name, (RunState)(-1)) is var s && s != (RunState)(-1)
            ? s
            : throw new FormatException($"unknown run state '{name}'");

    public static bool IsFinal(this StepState state) =>
        state is StepState.Succeeded or StepState.Failed or StepState.Skipped or StepState.UpstreamFailed or StepState.Cancelled;

    public static bool IsFinal(this RunState state) => state is RunState.Succeeded or RunState.Failed or RunState.Cancelled;
}
