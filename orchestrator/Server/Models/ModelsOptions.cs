namespace Pipeline.Orchestrator.Models;

/// <summary>Configuration section <c>Models</c>.</summary>
public sealed class ModelsOptions
{
    /// <summary>Registry folders by model name; <c>sensor-clusters</c> is the shipped workflows' default registry.</summary>
    public Dictionary<string, string> Registries { get; set; } = new(StringComparer.Ordinal) { ["sensor-clusters"] = ".pipeline/registry" };
}
