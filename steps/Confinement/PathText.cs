namespace Pipeline.Steps.Confinement;

/// <summary>What can be told of a path or URL from its text alone, before looking where it leads.</summary>
public static class PathText
{
    /// <summary>Whether a value is an http(s) URL, which is fetched rather than opened as a path.</summary>
    public static bool IsHttpUrl(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What is wrong with a path (not a URL) on its face, or null.</summary>
    public static string? FaceProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(value))
        {
            return "it is empty";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "it contains a NUL character";
        }

        // file://, ftp://, s3://...: a program might open them as URLs, past the check of where paths lead.
        if (value.Contains("://", StringComparison.Ordinal))
        {
            return "only http and https URLs are allowed; anything else must be a plain path";
        }

        return HasParentSegment(value) ? "'..' is not allowed in a path" : null;
    }

    /// <summary>Whether a path climbs with <c>..</c>, also URL-encoded (<c>..%2f</c>, <c>%2e%2e/</c>, twice-encoded):
    /// a program that decodes the value would climb out.</summary>
    public static bool HasParentSegment(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < 3; i++)
        {
            if (value.Split('/', '\\').Contains(".."))
            {
                return true;
            }

            var decoded = Uri.UnescapeDataString(value);
            if (decoded == value)
            {
                return false;
            }

            value = decoded;
        }

        return value.Split('/', '\\').Contains("..");
    }

    /// <summary>The folder before a glob's first wildcard (<c>/data/in/*.csv</c> → <c>/data/in/</c>), or the path itself.</summary>
    public static string BeforeWildcard(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var wildcard = path.IndexOfAny(['*', '?', '[']);
        return wildcard < 0 ? path : path[..(path.LastIndexOf('/', wildcard) + 1)] is { Length: > 0 } folder ? folder : ".";
    }
}
