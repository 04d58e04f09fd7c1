using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The model registries the server shows, by name (<c>Models:Registries:&lt;name&gt;</c> = folder). Relative folders
/// resolve where the steps start (<see cref="EngineOptions.InputBase"/>, as <c>path</c> inputs do), like the registry
/// arguments of the shipped workflows (<c>.pipeline/registry</c>), so the server reads the registry its training
/// steps write.
/// </summary>
public sealed class ModelRegistries(ModelsOptions options, EngineOptions engine, TimeProvider clock)
{
    public IReadOnlyList<string> Names => [.. options.Registries.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The registry of that name, or null when none is configured.</summary>
    public ModelRegistry? Find(string name) =>
        options.Registries.TryGetValue(name, out var folder)
            ? new ModelRegistry(Path.GetFullPath(folder, engine.InputBase ?? Directory.GetCurrentDirectory()), clock)
            : null;
}
