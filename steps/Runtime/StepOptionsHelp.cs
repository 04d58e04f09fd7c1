using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Writes <c>--help</c> (text for people) and <c>--describe</c> (JSON for the workflow designer's palette) from the
/// options class itself, so neither can drift from what is accepted.
/// </summary>
public static class StepOptionsHelp
{
    public static string Render<[DynamicallyAccessedMembers(StepOptions.Members)] T>(StepDefinition step)
        where T : StepOptions, new()
    {
        ArgumentNullException.ThrowIfNull(step);
        var defaults = new T();
        var text = new StringBuilder();
        text.AppendLine($"{step.Name} {step.Version}: {step.Description}");
        text.AppendLine();
        text.AppendLine($"Usage: {step.Name} [--config options.json] [--option value]...");
        text.AppendLine();
        text.AppendLine("Options (each also settable by the environment variable shown, or as a camelCase key in --config):");
        foreach (var property in StepOptionsLoader.OptionProperties<T>())
        {
            var kebab = OptionNames.Kebab(property.Name);
            var type = property.PropertyType == typeof(bool) ? "" : $" <{TypeName(property.PropertyType)}>";
            text.AppendLine($"  --{kebab}{type}");
            text.AppendLine($"      {DescriptionOf(property)}");
            var shown = DefaultOf(property, defaults);
            text.AppendLine($"      env {OptionNames.Environment(step.Name, property.Name)}{(shown is null ? "" : $"; default {shown}")}");
        }

        text.AppendLine("  --config <path>");
        text.AppendLine($"      JSON file with any of the options above; env {OptionNames.Environment(step.Name, "Config")}");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 success; 64 usage, 65 bad data, 66 missing input, 78 configuration (retrying will not help);");
        text.AppendLine("70 internal error, 75 temporary failure (a retry may succeed).");
        return text.ToString();
    }

    /// <summary>The step and its options as one JSON object: name, version, description, and per option its flag, type,
    /// environment variable, description, default, and whether it is required, a flag or a secret.</summary>
    public static string Describe<[DynamicallyAccessedMembers(StepOptions.Members)] T>(StepDefinition step)
        where T : StepOptions, new()
    {
        ArgumentNullException.ThrowIfNull(step);
        var defaults = new T();
        var options = new JsonArray();
        foreach (var property in StepOptionsLoader.OptionProperties<T>())
        {
            options.Add((JsonNode)new JsonObject
            {
                ["name"] = "--" + OptionNames.Kebab(property.Name),
                ["type"] = property.PropertyType == typeof(bool) ? "flag" : TypeName(property.PropertyType),
                ["environment"] = OptionNames.Environment(step.Name, property.Name),
                ["description"] = DescriptionOf(property),
                ["default"] = DefaultOf(property, defaults),
                // --output is every step's, checked by StepOptions itself rather than marked.
                ["required"] = property.GetCustomAttribute<RequiredOptionAttribute>() is not null || property.Name == nameof(StepOptions.Output),
                ["secret"] = property.GetCustomAttribute<SecretOptionAttribute>() is not null,
                // Checked against the folders runs may use, by the server and (when it starts the step) by the step:
                // "read", "writeInto" or "replace"; null for an option that is no path.
                ["path"] = property.GetCustomAttribute<PathOptionAttribute>() is { } path ? JsonNamingPolicy.CamelCase.ConvertName(path.Access.ToString()) : null,
            });
        }

        var description = new JsonObject
        {
            ["name"] = step.Name,
            ["version"] = step.Version,
            ["description"] = step.Description,
            ["options"] = options,
        };
        return description.ToJsonString() + Environment.NewLine;
    }

    private static string DescriptionOf(PropertyInfo property) => property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";

    private static string? DefaultOf(PropertyInfo property, object defaults) => property.GetValue(defaults) switch
    {
        null => null,
        string s when s.Length == 0 => null,
        bool b => b ? "true" : null,
        string[] list => list.Length == 0 ? null : string.Join(',', list),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string TypeName(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsArray)
        {
            return TypeName(underlying.GetElementType()!) + ",...";
        }

        return underlying switch
        {
            _ when underlying == typeof(string) => "text",
            _ when underlying == typeof(int) || underlying == typeof(long) => "integer",
            _ when underlying == typeof(double) => "number",
            _ when underlying == typeof(TimeSpan) => "hh:mm:ss",
            _ when underlying.IsEnum => string.Join('|', Enum.GetNames(underlying)).ToLowerInvariant(),
            _ => underlying.Name.ToLowerInvariant(),
        };
    }
}
