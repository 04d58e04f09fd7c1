namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// That a step (<see cref="StepId"/> of <see cref="Workflow"/>) has made partitions of <see cref="OutputAsset"/>, and
/// read partitions of <see cref="InputAsset"/> for them (null: it read only files, or nothing the catalog knows).
/// <see cref="Workflow"/> is null when the run that made them is gone or was not a server's run.
/// </summary>
public sealed record LineageLink(string? InputAsset, string? Workflow, string? StepId, string OutputAsset);
