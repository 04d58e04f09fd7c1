using System.ComponentModel;
using System.Reflection;
using System.Text;

namespace Pipeline.Steps.Contract;

/// <summary>Writes <c>--help</c> from the options class itself, so help can never drift from what is accepted.</summary>
public static class StepOptionsHelp
{
    public static string Render<T>(StepDefinition step)
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
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            text.AppendLine($"      {description}");
            var value = property.GetValue(defaults);
            var shown = value switch
            {
                null => null,
                string s when s.Length == 0 => null,
                bool b => b ? "true" : null,
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            };
            text.AppendLine($"      env {OptionNames.Environment(step.Name, property.Name)}{(shown is null ? "" : $"; default {shown}")}");
        }

        text.AppendLine("  --config <path>");
        text.AppendLine($"      JSON file with any of the options above; env {OptionNames.Environment(step.Name, "Config")}");
        text.AppendLine();
        text.AppendLine("Exit codes: 0 success; 64 usage, 65 bad data, 66 missing input, 78 configuration (retrying will not help);");
        text.AppendLine("70 internal error, 75 temporary failure (a retry may succeed).");
        return text.ToString();
    }

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
