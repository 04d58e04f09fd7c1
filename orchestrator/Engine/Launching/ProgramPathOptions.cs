namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// The options of one step program whose values are paths, as its <c>--describe</c> marks them: by flag
/// (<c>--input</c>) and by environment variable (<c>CHUNKER_INPUT</c>), each saying whether it takes a
/// comma-separated list. <c>--config</c> (a file of options) is one of them for every program.
/// </summary>
public sealed record ProgramPathOptions(IReadOnlyDictionary<string, bool> Flags, IReadOnlyDictionary<string, bool> EnvironmentNames)
{
    public const string ConfigFlag = "--config";

    /// <summary>Whether <paramref name="flag"/> names a path, and whether it takes a list.</summary>
    public bool IsPath(string flag, out bool isList)
    {
        if (Flags.TryGetValue(flag, out isList))
        {
            return true;
        }

        isList = false;
        return flag == ConfigFlag;
    }
}
