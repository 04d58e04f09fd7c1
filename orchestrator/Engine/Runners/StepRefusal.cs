namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// Why this server's settings do not let a runner run a step: the step property at fault, relative to the step
/// (<c>command</c>, <c>image</c>, <c>resources.memoryMb</c>), and a message that names the setting.
/// </summary>
public sealed record StepRefusal(string Property, string Message);
