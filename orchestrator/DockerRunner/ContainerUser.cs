using System.Globalization;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// Which user a step container runs as; never root. <c>Runner:Docker:User</c> when set (refused at start when it
/// is root); else the server's own user on a host data root, so the step's files are the server's as a process
/// step's are; else the image's own user. Whichever of the last two is root (a server running as root, an image
/// that sets no user) gives way to <c>Runner:Docker:FallbackUser</c>.
/// </summary>
public static class ContainerUser
{
    /// <summary>Whether the image's user must be known to decide (<see cref="Resolve"/> takes it then).</summary>
    public static bool NeedsImageUser(DockerRunnerOptions options, string hostUser)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.User) && !(options.DataRootIsHostFolder && !string.IsNullOrEmpty(hostUser));
    }

    /// <param name="options">The runner's options.</param>
    /// <param name="hostUser">The server's <c>uid:gid</c>; empty where unknown.</param>
    /// <param name="imageUser">The image's configured user (<c>Config.User</c>), when <see cref="NeedsImageUser"/>.</param>
    public static string Resolve(DockerRunnerOptions options, string hostUser, string? imageUser)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.User))
        {
            return options.User;
        }

        var candidate = options.DataRootIsHostFolder && !string.IsNullOrEmpty(hostUser) ? hostUser : imageUser;
        return NotRoot(candidate, options.FallbackUser);
    }

    /// <summary><paramref name="user"/>, or <paramref name="fallback"/> when it is root or empty.</summary>
    public static string NotRoot(string? user, string fallback) => IsRoot(user) ? fallback : user!;

    /// <summary>
    /// Whether a Docker user (<c>uid[:gid]</c> or <c>name[:group]</c>) is root: uid 0, the name <c>root</c>, or
    /// empty (an image's default user is root unless the image says otherwise).
    /// </summary>
    public static bool IsRoot(string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return true;
        }

        var name = user.Split(':')[0].Trim();
        return name == "root" || (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var uid) && uid == 0);
    }

    /// <summary>The numeric uid and gid of a <c>uid:gid</c> (gid -1, unchanged, when absent); null for names.</summary>
    public static (int Uid, int Gid)? Numeric(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parts = user.Split(':');
        if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return (uid, -1);
        }

        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gid) ? (uid, gid) : null;
    }
}
