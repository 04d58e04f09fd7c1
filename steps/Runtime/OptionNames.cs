using System.Text;

namespace Pipeline.Steps.Runtime;

/// <summary>Maps a property name to its command-line and environment spellings.</summary>
public static class OptionNames
{
    /// <summary><c>SensorColumn</c> becomes <c>sensor-column</c>.</summary>
    public static string Kebab(string propertyName) => Words(propertyName, '-').ToLowerInvariant();

    /// <summary><c>SensorColumn</c> of step <c>feature-creator</c> becomes <c>FEATURE_CREATOR_SENSOR_COLUMN</c>.</summary>
    public static string Environment(string stepName, string propertyName) =>
        (stepName.Replace('-', '_') + "_" + Words(propertyName, '_')).ToUpperInvariant();

    private static string Words(string name, char separator)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var startsWord = i > 0 && char.IsUpper(c)
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord)
            {
                builder.Append(separator);
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
