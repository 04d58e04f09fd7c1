using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// The options of one step program whose values are paths, as its <c>--describe</c> marks them: by flag
/// (<c>--input</c>) and by environment variable (<c>CHUNKER_INPUT</c>). <c>--config</c> (a file of options, read) is
/// one of them for every program.
/// </summary>
public sealed record ProgramPathOptions(IReadOnlyDictionary<string, PathOption> Flags, IReadOnlyDictionary<string, PathOption> EnvironmentNames)
{
    public const string ConfigFlag = "--config";

    /// <summary>The path option <paramref name="name"/> (a flag or a variable) sets, or null when it sets no path.</summary>
    public PathOption? Find(string name) =>
        Flags.TryGetValue(name, out var flag) ? flag
        : EnvironmentNames.TryGetValue(name, out var variable) ? variable
        : name == ConfigFlag ? new PathOption(PathAccess.Read, IsList: false)
        : null;
}

/// <summary>What a step does at a path option's value, and whether the value is a comma-separated list of them.</summary>
public sealed record PathOption(PathAccess Access, bool IsList);
