using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Where a run's paths may lead (<see cref="PathPolicy"/>): inside the data root, where steps start
/// (<see cref="EngineOptions.InputBase"/>) and <see cref="EngineOptions.InputRoots"/>; never to
/// <see cref="EngineOptions.HiddenPaths"/> (the server's database and secrets); and no output may replace the data
/// root, its <c>runs</c>, <c>state</c> and <c>assets</c> folders (an output may be inside an asset's folder, never the
/// folder of all assets) or <see cref="EngineOptions.GuardedPaths"/>. The same for <c>path</c> inputs, for
/// program options that name paths, and, handed to the step programs as <c>PIPELINE_PATH_ROOTS</c> and its
/// siblings, for the steps' own check.
/// </summary>
public static class RunPaths
{
    /// <summary>The data root's folder of the steps' state kept across runs, one folder per workflow and step.</summary>
    public const string StateRoot = "state";

    /// <summary>Where a workflow's step keeps its state across runs: <c>state/{workflowId}/{stepId}</c> under the data root.</summary>
    public static string StateFolder(string dataRoot, string workflowId, string stepId) => Path.Combine(dataRoot, StateRoot, workflowId, stepId);

    public static PathPolicy For(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The data root resolves from the server's working folder, as the launcher renders output folders from it.
        var dataRoot = Path.GetFullPath(options.DataRoot);
        var inputBase = Path.GetFullPath(options.InputBase ?? Directory.GetCurrentDirectory());
        return new PathPolicy(
            [dataRoot, inputBase, .. options.InputRoots],
            options.HiddenPaths,
            [dataRoot, Path.Combine(dataRoot, "runs"), Path.Combine(dataRoot, StateRoot), Path.Combine(dataRoot, AssetLayout.AssetsRoot), .. options.GuardedPaths],
            inputBase);
    }
}
