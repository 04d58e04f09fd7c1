using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The model registries the server shows, by name (<c>Models:Registries:&lt;name&gt;</c> = folder). Relative folders
/// resolve where the steps start (<see cref="EngineOptions.InputBase"/>, as <c>path</c> inputs do), like the registry
/// arguments of the shipped workflows (<c>.pipeline/registry</c>), so the server reads the registry its training
/// steps write. Each model family a registry holds (<see cref="ModelFamilies"/>) is a model of its own, named
/// <c>&lt;registry&gt;:&lt;family&gt;</c>, with its own versions and production.
/// </summary>
public sealed class ModelRegistries(ModelsOptions options, EngineOptions engine, TimeProvider clock)
{
    /// <summary>Separates a registry's name from one of its families' in a model name.</summary>
    public const char FamilySeparator = ':';

    public IReadOnlyList<string> Names =>
        [.. options.Registries.Keys.Order(StringComparer.Ordinal)
            .SelectMany(name => ModelFamilies.Names(Folder(options.Registries[name])).Select(family => $"{name}{FamilySeparator}{family}").Prepend(name))];

    /// <summary>The registry (or family) of that name, or null when none is configured.</summary>
    public ModelRegistry? Find(string name)
    {
        var cut = name.IndexOf(FamilySeparator, StringComparison.Ordinal);
        var registry = cut < 0 ? name : name[..cut];
        if (!options.Registries.TryGetValue(registry, out var folder))
        {
            return null;
        }

        if (cut < 0)
        {
            return new ModelRegistry(Folder(folder), clock);
        }

        var family = name[(cut + 1)..];
        return ModelFamilies.Problem(family) is null && Directory.Exists(ModelFamilies.Folder(Folder(folder), family))
            ? new ModelRegistry(ModelFamilies.Folder(Folder(folder), family), clock)
            : null;
    }

    private string Folder(string configured) => Path.GetFullPath(configured, engine.InputBase ?? Directory.GetCurrentDirectory());
}
