using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>A published version read, valid and allowed on this server, with the secrets it uses that the server lacks.</summary>
internal sealed record CheckedVersion(int Version, WorkflowDefinition Definition, IReadOnlyList<DefinitionProblem> MissingSecrets);
