using System.Text.Json;

namespace Pipeline.Steps.Chunker;

/// <summary>
/// The SHA-256 of every input the Chunker has processed, kept in the state folder, so a file delivered twice is
/// recognised (and reported, or skipped with --skip-processed) whatever its name.
/// </summary>
internal sealed class InputLedger
{
    private const string FileName = "input-ledger.json";
    private readonly string _path;
    private readonly Dictionary<string, LedgerEntry> _entries;

    private InputLedger(string path, Dictionary<string, LedgerEntry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static InputLedger Load(string stateDirectory)
    {
        var path = Path.Combine(stateDirectory, FileName);
        if (!File.Exists(path))
        {
            return new InputLedger(path, new Dictionary<string, LedgerEntry>(StringComparer.Ordinal));
        }

        try
        {
            using var stream = File.OpenRead(path);
            var entries = JsonSerializer.Deserialize(stream, ChunkerJsonContext.Default.DictionaryStringLedgerEntry);
            return new InputLedger(path, new Dictionary<string, LedgerEntry>(entries ?? [], StringComparer.Ordinal));
        }
        catch (JsonException)
        {
            // A damaged ledger only costs the "already processed" report: keep it aside and start a new one.
            File.Move(path, path + ".corrupt", overwrite: true);
            return new InputLedger(path, new Dictionary<string, LedgerEntry>(StringComparer.Ordinal));
        }
    }

    public LedgerEntry? Find(string sha256) => _entries.GetValueOrDefault(sha256);

    public void Record(string sha256, LedgerEntry entry) => _entries.TryAdd(sha256, entry);

    /// <summary>Saves through a temporary file and a rename: a crash never leaves half a ledger.</summary>
    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, _entries, ChunkerJsonContext.Default.DictionaryStringLedgerEntry);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
