namespace Pipeline.Steps.Confinement;

/// <summary>
/// The variables by which the server tells a step program where it may reach (<see cref="PathPolicy"/>). They are
/// <c>PIPELINE_*</c> names, which a definition's <c>env</c> may not set, so only the server decides them. A program
/// started by hand (none set) may use any path, and fetches from public addresses only unless
/// <see cref="AllowPrivateUrls"/> says otherwise.
/// </summary>
public static class ConfinementEnvironment
{
    /// <summary>The folders path options may lead into, separated by <see cref="PathPolicy.Separator"/>.</summary>
    public const string PathRoots = "PIPELINE_PATH_ROOTS";

    /// <summary>The server's own files, neither read nor written.</summary>
    public const string HiddenPaths = "PIPELINE_HIDDEN_PATHS";

    /// <summary>Folders no output may replace (the data root, its runs and datasets).</summary>
    public const string GuardedPaths = "PIPELINE_GUARDED_PATHS";

    /// <summary><c>true</c>: URLs may lead to loopback, private and link-local addresses.</summary>
    public const string AllowPrivateUrls = "PIPELINE_ALLOW_PRIVATE_URLS";
}
