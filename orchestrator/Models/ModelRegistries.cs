using Pipeline.Orchestrator.ProcessRunner;
using Pipeline.Steps.Contract.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The model registries the server shows, by name (<c>Models:Registries:&lt;name&gt;</c> = folder). Relative folders
/// resolve where the steps start (<c>Runner:Process:WorkingDirectory</c>), as the registry arguments of the shipped
/// workflows (<c>.pipeline/registry</c>) do, so the server reads the registry its training steps write.
/// </summary>
public sealed class ModelRegistries(ModelsOptions options, ProcessRunnerOptions runner, TimeProvider clock)
{
    public IReadOnlyList<string> Names => [.. options.Registries.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The registry of that name, or null when none is configured.</summary>
    public ModelRegistry? Find(string name) =>
        options.Registries.TryGetValue(name, out var folder)
            ? new ModelRegistry(Path.GetFullPath(folder, runner.WorkingDirectory ?? Directory.GetCurrentDirectory()), clock)
            : null;
}
