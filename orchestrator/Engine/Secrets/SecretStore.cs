using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Engine.Secrets;

/// <summary>
/// The server's secrets by name: the file <c>Secrets:Directory/NAME</c> first, else the environment variable
/// <c>PIPELINE_SECRET_NAME</c> (as written, then upper-case); never the server's own password file. Read when a run
/// is created (to refuse one whose secrets are missing) and when a step starts; values are kept only in memory, for
/// that attempt.
/// </summary>
public sealed class SecretStore(SecretsOptions options, Func<string, string?>? environment = null)
{
    /// <summary>The prefix of the server's environment variables that hold secrets; step processes do not inherit them.</summary>
    public const string EnvironmentPrefix = "PIPELINE_SECRET_";

    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    /// <summary>The values of <paramref name="names"/>, or the names of those this server does not have.</summary>
    public (SecretValues? Values, IReadOnlyList<string> Missing) Resolve(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (Find(name) is { } value)
            {
                values[name] = value;
            }
            else
            {
                missing.Add(name);
            }
        }

        return missing.Count > 0 ? (null, missing) : (new SecretValues(values), missing);
    }

    /// <summary>Why <paramref name="name"/> is not available: where it was looked for (never a value).</summary>
    public string Missing(string name)
    {
        var file = FilePath(name);
        return Unreadable(file) is { } reason
            ? $"secret '{name}' is not available on this server: its file {file} cannot be read: {reason}"
            : $"secret '{name}' is not available on this server: there is no file {file} (Secrets:Directory) and no environment variable {EnvironmentPrefix}{name}";
    }

    private string? Find(string name)
    {
        if (!SecretNames.IsValid(name))
        {
            return null;
        }

        var file = FilePath(name);
        if (options.ServerOwnFiles.Any(own => string.Equals(RealPathOf(own), RealPathOf(file), StringComparison.Ordinal)))
        {
            return null;
        }

        if (File.Exists(file))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Missing() says why; the run is refused or the attempt fails, as for a secret that is not there.
                return null;
            }

            return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        }

        return _environment(EnvironmentPrefix + name) ?? _environment(EnvironmentPrefix + name.ToUpperInvariant());
    }

    // Why an existing secret file cannot be read (its mode, a folder in its place), or null when it can or is not there.
    private static string? Unreadable(string file)
    {
        try
        {
            if (File.Exists(file))
            {
                using var _ = File.OpenRead(file);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static string RealPathOf(string path) => Pipeline.Steps.Confinement.RealPath.Of(Path.GetFullPath(path));

    private string FilePath(string name) => Path.Combine(Path.GetFullPath(options.Directory), name);
}
