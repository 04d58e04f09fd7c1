using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Models;

/// <summary>Configuration section <c>Models</c>.</summary>
public sealed class ModelsOptions : ICheckedOptions
{
    /// <summary>Registry folders by model name; <c>sensor-clusters</c> is the shipped workflows' default registry.</summary>
    public Dictionary<string, string> Registries { get; set; } = new(StringComparer.Ordinal) { ["sensor-clusters"] = ".pipeline/registry" };

    public IEnumerable<string> Problems() =>
        Registries.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => $"Models:Registries:{r.Key} must name a folder");
}
