using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// The folders a run's paths may lead into: the data root, where steps start (<see cref="EngineOptions.InputBase"/>)
/// and <see cref="EngineOptions.InputRoots"/>. The same for <c>path</c> inputs, for program options that name paths,
/// and, handed to the step programs as <c>PIPELINE_PATH_ROOTS</c>, for the steps' own check.
/// </summary>
public static class RunRoots
{
    public static PathRoots For(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inputBase = Path.GetFullPath(options.InputBase ?? Directory.GetCurrentDirectory());
        return new PathRoots([options.DataRoot, inputBase, .. options.InputRoots], inputBase);
    }
}
