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
/// <see cref="SchedulerOptions.MinimumInterval"/>; and program options that name paths against the folders runs may
/// use (<see cref="ArgumentConfinement"/>); and that program steps give the options their program requires
/// (<see cref="RequiredOptionCheck"/>). Used by the API's validate, create, update and publish, by the workflow
/// folder sync and by <see cref="RunLauncher"/>.
/// </summary>
/// <param name="runners">The server's step runners, in the order the engine asks them.</param>
/// <param name="scheduler">The scheduler's settings; none: no schedule is too frequent (tools and tests).</param>
/// <param name="arguments">The check of path options; none: not checked here (tools and tests; the programs still check).</param>
/// <param name="requiredOptions">The check of required program options; none: not checked here (the programs still check).</param>
public sealed class ExecutionPolicy(
    IEnumerable<IStepRunner> runners, SchedulerOptions? scheduler = null, ArgumentConfinement? arguments = null, RequiredOptionCheck? requiredOptions = null)
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

    /// <summary>
    /// <see cref="Check"/>, then the program steps' literal path options that lead outside the folders runs may use,
    /// then the options their programs require that they leave out.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionProblem>> CheckAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        List<DefinitionProblem> problems = [.. Check(definition)];
        if (arguments is not null)
        {
            problems.AddRange(await arguments.CheckAsync(definition, cancellationToken));
        }

        if (requiredOptions is not null)
        {
            problems.AddRange(await requiredOptions.CheckAsync(definition, cancellationToken));
        }

        return problems;
    }

    /// <summary>A rendered program step's path options that lead outside the folders runs may use (checked at launch).</summary>
    public async Task<IReadOnlyList<DefinitionProblem>> CheckRenderedAsync(int stepIndex, StepSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return arguments is null || spec.Program is not { } program
            ? []
            : await arguments.CheckRenderedAsync(stepIndex, program, spec.Args, spec.Env, cancellationToken);
    }

    /// <summary>The refusals of the runner that would run <paramref name="spec"/>; none when no runner can (the attempt then fails saying so).</summary>
    public IReadOnlyList<StepRefusal> Refusals(StepSpec spec)
    {
        var (runner, _) = RunnerChoice.For(spec, _runners);
        return runner?.Refusals(spec) ?? [];
    }
}
