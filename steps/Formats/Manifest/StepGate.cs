namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// A check a step was asked to enforce (a drift gate): it failed for <see cref="Reason"/>. Unless an editor
/// overrode it (<see cref="OverriddenBy"/>, from <see cref="GateOverride.EnvironmentVariable"/>), the step
/// published its output with status <c>blocked</c> and exited <see cref="StepExitCodes.GateBlocked"/>, so the steps
/// after it (training, promotion) do not run.
/// </summary>
public sealed record StepGate(string Reason, bool Blocked, string? OverriddenBy);

/// <summary>How a workflow server tells a step that an editor overrode its gate.</summary>
public static class GateOverride
{
    /// <summary>Who overrode the gate and why, as the server recorded it; set only on the attempt after an override.</summary>
    public const string EnvironmentVariable = "PIPELINE_GATE_OVERRIDE";
}
