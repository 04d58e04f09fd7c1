using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// The options a run used, as the manifest records them (<c>parameters</c>): every option by its camelCase name,
/// except secrets, which are never written down. Read by reflection over the option properties rather than
/// serialized, so that it needs no serializer generated per options type.
/// </summary>
internal static class OptionValues
{
    public static JsonObject ToJson(StepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject();
        foreach (var property in StepOptionsLoader.OptionProperties(options.GetType()))
        {
            if (property.GetCustomAttribute<SecretOptionAttribute>() is not null)
            {
                continue;
            }

            json[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = property.GetValue(options) switch
            {
                null => null,
                string text => JsonValue.Create(text),
                bool flag => JsonValue.Create(flag),
                int whole => JsonValue.Create(whole),
                double number => JsonValue.Create(number),
                string[] texts => new JsonArray([.. texts.Select(t => (JsonNode?)JsonValue.Create(t))]),
                int[] wholes => new JsonArray([.. wholes.Select(w => (JsonNode?)JsonValue.Create(w))]),
                var other => throw new NotSupportedException($"option {property.Name}: type {other.GetType().Name} cannot be recorded"),
            };
        }

        return json;
    }
}
