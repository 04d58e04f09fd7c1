using System.Text.Json;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Chunker;

/// <summary>
/// The SHA-256 of every input the Chunker has processed, kept in the state folder, so a file delivered twice is
/// recognised (and reported, or skipped with --skip-processed) whatever its name.
/// </summary>
internal sealed class InputLedger
{
    public const string FileName = "input-ledger.json";
    private readonly string _stateDirectory;
    private readonly Dictionary<string, LedgerEntry> _entries;
    private readonly Dictionary<string, LedgerEntry> _recorded = new(StringComparer.Ordinal);

    private InputLedger(string stateDirectory, Dictionary<string, LedgerEntry> entries)
    {
        _stateDirectory = stateDirectory;
        _entries = entries;
    }

    private string FilePath => Path.Combine(_stateDirectory, FileName);

    public static InputLedger Load(string stateDirectory) => new(stateDirectory, Read(Path.Combine(stateDirectory, FileName)));

    public LedgerEntry? Find(string sha256) => _entries.GetValueOrDefault(sha256);

    public void Record(string sha256, LedgerEntry entry)
    {
        if (_entries.TryAdd(sha256, entry))
        {
            _recorded[sha256] = entry;
        }
    }

    /// <summary>
    /// Adds what this run recorded to the ledger as it is now (another run of the workflow may have saved since
    /// this one loaded it), under the state folder's lock, through a temporary file and a rename: a crash never
    /// leaves half a ledger, and two runs at once never lose each other's inputs.
    /// </summary>
    public void Save()
    {
        using var exclusive = FolderLock.Acquire(_stateDirectory);
        var current = Read(FilePath);
        foreach (var (sha256, entry) in _recorded)
        {
            current.TryAdd(sha256, entry);
        }

        AtomicJsonFile.Write(FilePath, current, ChunkerJsonContext.Default.DictionaryStringLedgerEntry);
    }

    private static Dictionary<string, LedgerEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        }

        try
        {
            using var stream = File.OpenRead(path);
            var entries = JsonSerializer.Deserialize(stream, ChunkerJsonContext.Default.DictionaryStringLedgerEntry);
            return new Dictionary<string, LedgerEntry>(entries ?? [], StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged ledger only costs the "already processed" report: keep it aside and start a new one.
            File.Move(path, path + ".corrupt", overwrite: true);
            return new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        }
    }
}
