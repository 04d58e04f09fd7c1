namespace Pipeline.Orchestrator.Definitions;

/// <summary>Limits a runner applies where it can (a container's CPU and memory); the process runner records them only.</summary>
public sealed record StepResources
{
    public double? Cpus { get; init; }

    public int? MemoryMb { get; init; }
}
