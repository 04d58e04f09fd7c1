namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// One thing wrong with a workflow definition or with the inputs of a run: where (a JSON path such as
/// <c>$.steps[2].dependsOn[0]</c>) and what.
/// </summary>
public sealed record DefinitionProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
