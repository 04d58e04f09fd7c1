using System.Text.Json.Serialization.Metadata;
using System.Text.Json;

namespace Pipeline.Steps.Formats;

/// <summary>
/// Writes a JSON file whole or not at all: into a temporary file of its own beside it, then renamed over it, so a
/// reader never sees half a file, a crash leaves the old one, and two writers never share a temporary file.
/// </summary>
public static class AtomicJsonFile
{
    public static void Write<T>(string path, T value, JsonTypeInfo<T> type)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = File.Create(temporary))
            {
                JsonSerializer.Serialize(stream, value, type);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
