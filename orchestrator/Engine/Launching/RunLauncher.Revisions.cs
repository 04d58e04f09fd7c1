using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>Moving an existing run to its workflow's latest published version (a retry or re-run from failure on it).</summary>
public sealed partial class RunLauncher
{
    /// <summary>
    /// The move of <paramref name="run"/> to its workflow's latest published version, checked as a launch of that
    /// version would be (valid, allowed here, the run's inputs fit, secrets present, rendered paths confined) and
    /// rendered for the run; null when the run already runs the latest version. Refused with
    /// <see cref="LaunchRefusedException"/>, as a launch is.
    /// </summary>
    public async Task<RunVersionSwitch?> LatestVersionForAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var latest = await CheckedVersionAsync(new LaunchRequest { WorkflowId = run.WorkflowId }, cancellationToken);
        if (latest.Version == run.WorkflowVersion)
        {
            return null;
        }

        var own = await workflows.GetVersionAsync(run.WorkflowId, run.WorkflowVersion, cancellationToken);
        var current = own is null ? null : WorkflowDefinitionReader.ReadAndValidate(own.DefinitionJson).Definition;
        if (current is null)
        {
            throw new LaunchRefusedException($"workflow '{run.WorkflowId}' version {run.WorkflowVersion}, which the run ran, cannot be read to compare it with version {latest.Version}", []);
        }

        var definition = latest.Definition;
        var (inputs, inputProblems) = InputResolver.Resolve(definition, run.Inputs);
        if (inputs is null || inputProblems.Count > 0)
        {
            throw new LaunchRefusedException($"the run's inputs do not fit version {latest.Version} of workflow '{run.WorkflowId}'", inputProblems);
        }

        if (await InputConfinement.CheckAsync(definition, inputs, options, null, cancellationToken) is { Count: > 0 } outside)
        {
            throw new LaunchRefusedException($"a path input of workflow '{run.WorkflowId}' leads outside the folders runs may read", outside);
        }

        if (latest.MissingSecrets.Count > 0)
        {
            throw new LaunchRefusedException($"workflow '{run.WorkflowId}' version {latest.Version} uses secrets this server does not have", latest.MissingSecrets);
        }

        // Rendered as the run's own steps: same id, so the same output folders; the later version's input defaults fill
        // inputs the run did not have.
        var moved = run with { WorkflowVersion = latest.Version, Inputs = inputs };
        var steps = definition.Steps.Select(s => StepRunFor(moved, definition, s, clock.GetUtcNow())).ToList();
        if (BadPartitionKeys(steps) is { Count: > 0 } badKeys)
        {
            throw new LaunchRefusedException($"a partitioned step of workflow '{run.WorkflowId}' version {latest.Version} is given keys that are not days", badKeys);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (await policy.CheckRenderedAsync(i, steps[i].Spec, cancellationToken) is { Count: > 0 } outsideArguments)
            {
                throw new LaunchRefusedException($"a step of workflow '{run.WorkflowId}' version {latest.Version} is given a path outside the folders runs may use", outsideArguments);
            }
        }

        return new RunVersionSwitch
        {
            FromVersion = run.WorkflowVersion,
            ToVersion = latest.Version,
            Before = current.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal),
            After = definition.Steps.ToDictionary(s => s.Id, StringComparer.Ordinal),
            Rendered = steps,
        };
    }
}
