using System.Globalization;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// The environment every runner gives a step: the definition's variables (those using secrets with the attempt's
/// values put in), then which attempt this is, where its output and its state across runs go, and where its upstream
/// steps' outputs are. One
/// list, so a step sees the same in a process and a container.
/// </summary>
public static class StepEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(StepLaunch launch)
    {
        var spec = launch.Spec;
        var env = new Dictionary<string, string>(spec.Env, StringComparer.Ordinal);
        foreach (var (name, parts) in spec.SecretEnv ?? new Dictionary<string, IReadOnlyList<EnvValuePart>>())
        {
            // The only place a secret's value joins the step: in memory, for the process or container being started.
            env[name] = string.Concat(parts.Select(p => p.Secret is { } secret ? launch.SecretValues[secret] : p.Text));
        }

        env["PIPELINE_RUN_ID"] = launch.Attempt.RunId;
        env["PIPELINE_STEP_ID"] = launch.Attempt.StepId;
        env["PIPELINE_ATTEMPT"] = launch.Attempt.Attempt.ToString(CultureInfo.InvariantCulture);
        env["PIPELINE_OUTPUT"] = spec.OutputFolder;
        env[AttemptFence.Variable] = AttemptFence.PathFor(launch.Logs);
        if (spec.StateFolder is { } state)
        {
            env[StateFolder.EnvironmentVariable] = state;
        }
        if (launch.GateOverride is { } overridden)
        {
            env[GateOverride.EnvironmentVariable] = overridden;
        }

        if (launch.Confinement is { } confinement)
        {
            // The step programs check their own path options and URLs against these (Pipeline.Steps.Confinement).
            foreach (var (name, value) in confinement.Paths)
            {
                env[name] = value;
            }

            env[ConfinementEnvironment.AllowPrivateUrls] = confinement.AllowPrivateUrls ? "true" : "false";
        }

        if (launch.TraceParent is { } traceParent)
        {
            // W3C Trace Context's variable name, as OpenTelemetry SDKs read it: the step's logs carry the run's trace id.
            env["TRACEPARENT"] = traceParent;
        }

        foreach (var (stepId, folder) in spec.UpstreamOutputs)
        {
            // PIPELINE_UPSTREAM_FEATURES=/data/runs/<run>/features: where an upstream step's output and manifest are.
            env["PIPELINE_UPSTREAM_" + stepId.ToUpperInvariant().Replace('-', '_')] = folder;
        }

        return [.. env];
    }
}
