namespace Pipeline.Orchestrator.Definitions.Inputs;

/// <summary>The inputs of a run with defaults applied, or why they cannot be (then <see cref="Values"/> is null).</summary>
public sealed record InputResolution(IReadOnlyDictionary<string, string>? Values, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool Succeeded => Values is not null;
}
