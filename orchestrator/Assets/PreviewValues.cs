using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Assets;

/// <summary>A Parquet value as JSON: numbers and booleans as they are, times as ISO 8601, anything else as text.</summary>
internal static class PreviewValues
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => Text(s),
        // Parquet.Net 6 reads strings and binary as memory.
        ReadOnlyMemory<char> chars => Text(chars.ToString()),
        ReadOnlyMemory<byte> bytes => ToJson(bytes.ToArray()),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short s => JsonValue.Create(s),
        byte b => JsonValue.Create(b),
        sbyte b => JsonValue.Create(b),
        ushort u => JsonValue.Create(u),
        uint u => JsonValue.Create(u),
        ulong u => JsonValue.Create(u),
        decimal d => JsonValue.Create(d),
        // JSON has no NaN or infinity: those go as text.
        double d => double.IsFinite(d) ? JsonValue.Create(d) : JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        float f => float.IsFinite(f) ? JsonValue.Create(f) : JsonValue.Create(f.ToString(CultureInfo.InvariantCulture)),
        DateTime t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        TimeSpan t => JsonValue.Create(t.ToString("c", CultureInfo.InvariantCulture)),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes.Length > 64 ? bytes[..64] : bytes)),
        IDictionary map => new JsonObject([.. map.Keys.Cast<object>().Select(k => KeyValuePair.Create(Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", ToJson(map[k])))]),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    /// <summary>A column's type as a reader of the preview thinks of it: <c>String</c> rather than <c>ReadOnlyMemory`1</c>.</summary>
    public static string TypeName(Type type) =>
        type == typeof(ReadOnlyMemory<char>) ? nameof(String)
        : type == typeof(ReadOnlyMemory<byte>) ? "Binary"
        : (Nullable.GetUnderlyingType(type) ?? type).Name;

    private static JsonValue Text(string s) =>
        JsonValue.Create(s.Length > PartitionPreviewReader.MaxStringLength ? s[..PartitionPreviewReader.MaxStringLength] + "…" : s);
}
