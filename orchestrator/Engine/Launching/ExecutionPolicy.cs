using System.Globalization;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// What this server lets definitions run, on top of what makes a definition valid anywhere
/// (<c>WorkflowValidator</c>, which knows no server): each step is checked by the runner that would run it
/// (<see cref="RunnerChoice"/>, so <c>Runner:Default</c> and a step's own <c>runner</c> count) against that
/// runner's settings: allowed commands, allowed images, resource caps; and each cron trigger against the scheduler's
/// <see cref="SchedulerOptions.MinimumInterval"/>. Used by the API's validate, create, update and publish, by the
/// workflow folder sync and by <see cref="RunLauncher"/>.
/// </summary>
/// <param name="runners">The server's step runners, in the order the engine asks them.</param>
/// <param name="scheduler">The scheduler's settings; none: no schedule is too frequent (tools and tests).</param>
public sealed class ExecutionPolicy(IEnumerable<IStepRunner> runners, SchedulerOptions? scheduler = null)
{
    private readonly IReadOnlyList<IStepRunner> _runners = [.. runners];

    /// <summary>
    /// A problem per refused step property (<c>$.steps[2].command</c>) and per too frequent schedule
    /// (<c>$.triggers[1].schedule</c>); empty when the server runs the definition as it is.
    /// </summary>
    public IReadOnlyList<DefinitionProblem> Check(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DefinitionProblem>();
        for (var i = 0; i < (definition.Steps?.Count ?? 0); i++)
        {
            if (definition.Steps![i] is not { } step)
            {
                continue;
            }

            // What the runners decide by is not templated: the definition's step says it as the stored one will.
            var spec = new StepSpec
            {
                Program = step.Program,
                Command = step.Command,
                Image = step.Image,
                Runner = step.Runner,
                Resources = step.Resources,
                OutputFolder = "",
            };
            foreach (var refusal in Refusals(spec))
            {
                problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"$.steps[{i}].{refusal.Property}"), refusal.Message));
            }
        }

        if (scheduler is not null)
        {
            problems.AddRange(CronFrequency.Check(definition, scheduler.MinimumInterval));
        }

        return problems;
    }

    /// <summary>The refusals of the runner that would run <paramref name="spec"/>; none when no runner can (the attempt then fails saying so).</summary>
    public IReadOnlyList<StepRefusal> Refusals(StepSpec spec)
    {
        var (runner, _) = RunnerChoice.For(spec, _runners);
        return runner?.Refusals(spec) ?? [];
    }
}
