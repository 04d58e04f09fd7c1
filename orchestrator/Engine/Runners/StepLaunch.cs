using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Secrets;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>What a runner needs for one attempt: the rendered step, where its output goes and where its logs go.</summary>
/// <param name="Attempt">Which attempt of which step of which run.</param>
/// <param name="Spec">The rendered step: program, command or image, arguments, environment, output folder.</param>
/// <param name="Logs">The attempt's log files; a runner appends the program's stdout and stderr as they come.</param>
/// <param name="TraceParent">The attempt span's W3C trace context, given to the step as <c>TRACEPARENT</c>.</param>
/// <param name="Secrets">The values of the secrets the step uses, resolved for this attempt (none when it uses none):
/// put into its environment, and masked in its logs and messages.</param>
public sealed record StepLaunch(AttemptKey Attempt, StepSpec Spec, AttemptLogs Logs, string? TraceParent = null, SecretValues? Secrets = null)
{
    /// <summary>Where the step may reach, told to it as <c>PIPELINE_PATH_ROOTS</c> and <c>PIPELINE_ALLOW_PRIVATE_URLS</c>;
    /// null (in runner tests) tells it nothing.</summary>
    public StepConfinementSettings? Confinement { get; init; }

    /// <summary>Who overrode the step's failed gate and why; passed as <c>PIPELINE_GATE_OVERRIDE</c>.</summary>
    public string? GateOverride { get; init; }

    /// <summary>
    /// Asked when the attempt is stopped: true when its server is shutting down and leaves the step running for the
    /// next attempt to adopt, so the runner must let it be (neither stop nor remove it). Null: never.
    /// </summary>
    public Func<bool>? HandOver { get; init; }

    /// <summary>Whether the stop that just came is a hand-over (<see cref="HandOver"/>).</summary>
    public bool HandingOver => HandOver?.Invoke() == true;

    /// <summary>The secrets, or none.</summary>
    public SecretValues SecretValues => Secrets ?? SecretValues.None;
}
