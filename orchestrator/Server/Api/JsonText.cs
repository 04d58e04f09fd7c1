using System.Text.Json;

namespace Pipeline.Orchestrator.Api;

/// <summary>Reads a text property from JSON the server did not type (a stored definition, a step's --describe).</summary>
internal static class JsonText
{
    /// <summary>The property's string, or null when the object is missing, lacks it, or holds something else there.</summary>
    public static string? Of(JsonElement? json, string property) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
