namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// What reading a definition gave: the definition when the JSON could be read (even if it has problems), and every
/// problem found. Use it only when <see cref="IsValid"/>.
/// </summary>
public sealed record DefinitionReadResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;
}
