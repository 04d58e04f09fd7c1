namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Says which key of a definition is given twice. System.Text.Json names the key for a model's property but not for
/// a map's (inputs, env); its exception's path ends with the key in both cases.
/// </summary>
internal static class DuplicateKeys
{
    /// <summary>The problem for System.Text.Json's duplicate-property error, or null when the message is another error.</summary>
    public static string? Describe(string message, string? path) =>
        message.StartsWith("Duplicate propert", StringComparison.Ordinal) && LastKey(path) is { } key
            ? $"'{key}' is given more than once"
            : null;

    /// <summary>The last key of a path as System.Text.Json writes it: <c>$.env.MODE</c> or <c>$['a b']</c>.</summary>
    private static string? LastKey(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (path.EndsWith("']", StringComparison.Ordinal))
        {
            var start = path.LastIndexOf("['", StringComparison.Ordinal);
            return start < 0 ? null : path[(start + 2)..^2].Replace("\\'", "'", StringComparison.Ordinal);
        }

        var dot = path.LastIndexOf('.');
        return dot < 0 || path.EndsWith(']') ? null : path[(dot + 1)..];
    }
}
