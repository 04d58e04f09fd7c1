using System.Globalization;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Definitions.Inputs;

/// <summary>Whether a string is a value of an input type; values travel as strings, so this is the only type check.</summary>
public static class InputValues
{
    /// <summary>Why <paramref name="value"/> is not a <paramref name="type"/>, or null when it is.</summary>
    public static string? Check(string type, string value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var ok = type switch
        {
            InputTypes.Text => true,
            InputTypes.WholeNumber => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            InputTypes.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            InputTypes.Flag => value is "true" or "false",
            InputTypes.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            InputTypes.Path => PathProblem(value) is null,
            _ => false,
        };
        if (ok)
        {
            return null;
        }

        return type switch
        {
            InputTypes.WholeNumber => $"'{value}' is not an integer",
            InputTypes.Number => $"'{value}' is not a number",
            InputTypes.Flag => $"'{value}' is not a boolean (true or false)",
            InputTypes.Date => $"'{value}' is not a date (yyyy-MM-dd)",
            InputTypes.Path => $"'{value}' is not a path: {PathProblem(value)}",
            _ => $"unknown input type '{type}'",
        };
    }

    /// <summary>Whether a path value is an http(s) URL (not a file path, so not confined to the server's folders).</summary>
    public static bool IsUrl(string value) => PathText.IsHttpUrl(value);

    /// <summary>What is wrong with a path value on its face (where it leads is the server's check), or null.</summary>
    public static string? PathProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsUrl(value))
        {
            return !Uri.TryCreate(value, UriKind.Absolute, out _) ? "not a valid URL"
                : PathText.HasParentSegment(value) ? "'..' is not allowed in a path" : null;
        }

        return PathText.FaceProblem(value);
    }
}
