using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Sets an options object's properties from layered configuration (the --config file, the environment and the
/// command line, keyed by property name, lists as <c>Name:0</c>, <c>Name:1</c>...). Written here rather than
/// using Microsoft.Extensions.Configuration.Binder, whose reflection binder cannot be compiled ahead of time for a
/// generic options type and whose source generator only sees concrete types: the options use a handful of types
/// (text, flags, whole numbers, numbers and lists of them), each converted with the invariant culture.
/// </summary>
internal static class OptionBinder
{
    /// <summary>Binds every option; an unknown key or a value of the wrong kind is a usage error naming the option.</summary>
    public static void Bind(IConfiguration configuration, object options, IReadOnlyList<PropertyInfo> properties)
    {
        var byName = properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetChildren())
        {
            if (!byName.TryGetValue(section.Key, out var property))
            {
                throw StepException.BadOption($"unknown option '{section.Key}' in the --config file (see --help for the options)");
            }

            var value = IsList(property.PropertyType) ? ListOf(section, property) : ScalarOf(section, property);
            if (value is not Unset)
            {
                property.SetValue(options, value);
            }
        }
    }

    /// <summary>Whether the option takes several values (a list on the command line, an array in JSON).</summary>
    public static bool IsList(Type type) => type.IsArray;

    private static object? ScalarOf(IConfigurationSection section, PropertyInfo property)
    {
        if (section.GetChildren().Any())
        {
            throw Invalid(property, "an object or list", "a single value");
        }

        return section.Value is { } text ? Convert(text, property.PropertyType, property) : Unset.Value;
    }

    private static object ListOf(IConfigurationSection section, PropertyInfo property)
    {
        var element = property.PropertyType.GetElementType()!;
        var children = section.GetChildren().ToList();
        // A list also reads as one comma-separated value (as in the environment), in a JSON file too.
        var items = children.Count > 0
            ? children.OrderBy(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue).Select(c => c.Value ?? "").ToList()
            : [.. (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (element == typeof(string))
        {
            return items.ToArray();
        }

        if (element == typeof(int))
        {
            return items.Select(i => (int)Convert(i, typeof(int), property)!).ToArray();
        }

        throw new NotSupportedException($"option {property.Name}: lists of {element.Name} are not supported");
    }

    private static object? Convert(string text, Type type, PropertyInfo property)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return text;
        }

        if (text.Trim().Length == 0)
        {
            // An empty variable or JSON string leaves a number or flag at its default, as an absent one does.
            return Nullable.GetUnderlyingType(type) is null ? Unset.Value : null;
        }

        if (target == typeof(bool))
        {
            return bool.TryParse(text.Trim(), out var flag) ? flag : throw Invalid(property, text, "true or false");
        }

        if (target == typeof(int))
        {
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : throw Invalid(property, text, "a whole number");
        }

        if (target == typeof(double))
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number : throw Invalid(property, text, "a number (with a '.' for decimals)");
        }

        throw new NotSupportedException($"option {property.Name}: type {type.Name} is not supported");
    }

    private static StepException Invalid(PropertyInfo property, string value, string expected) =>
        StepException.BadOption($"invalid option value: --{OptionNames.Kebab(property.Name)} '{value}' is not {expected}");

    /// <summary>Marks "leave the default": null is a value a nullable option can be set to.</summary>
    private sealed class Unset
    {
        public static readonly Unset Value = new();
    }
}
