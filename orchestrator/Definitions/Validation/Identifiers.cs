using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>The spellings names in a definition must have.</summary>
internal static partial class Identifiers
{
    public const string IdRule = "1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash";

    public const string InputNameRule = "a letter, then letters, digits, '_' or '-'";

    public const string HttpPathRule = "segments of lower-case letters, digits and dashes separated by single '/', no leading or trailing '/'";

    public static bool IsId(string? value) => value is { Length: <= 64 } && Id().IsMatch(value);

    public static bool IsInputName(string value) => InputName().IsMatch(value);

    public static bool IsEnvName(string value) => EnvName().IsMatch(value);

    public static bool IsHttpPath(string value) => value.Length <= 200 && HttpPath().IsMatch(value);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\z")]
    private static partial Regex Id();

    // The same spelling StepTemplate accepts after "inputs.", so every declared input can be referred to.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*\\z")]
    private static partial Regex InputName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[a-z0-9-]+(?:/[a-z0-9-]+)*\\z")]
    private static partial Regex HttpPath();
}
