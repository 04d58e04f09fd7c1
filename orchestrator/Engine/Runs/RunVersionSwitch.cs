using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// A run's move to a later published version of its workflow, made ready outside the run's lock: both versions'
/// step definitions, and the later version's steps rendered for this run (its id, inputs and logical date, so their
/// output folders are the run's own). <see cref="RunRedefinition"/> applies it under the lock.
/// </summary>
public sealed record RunVersionSwitch
{
    /// <summary>The run's version when this was made; a run that has moved since is refused rather than moved twice.</summary>
    public required int FromVersion { get; init; }

    public required int ToVersion { get; init; }

    /// <summary>The steps of <see cref="FromVersion"/> as defined, by id.</summary>
    public required IReadOnlyDictionary<string, StepDefinition> Before { get; init; }

    /// <summary>The steps of <see cref="ToVersion"/> as defined, by id.</summary>
    public required IReadOnlyDictionary<string, StepDefinition> After { get; init; }

    /// <summary>The steps of <see cref="ToVersion"/> rendered for the run, in definition order, each pending.</summary>
    public required IReadOnlyList<StepRunRecord> Rendered { get; init; }
}
