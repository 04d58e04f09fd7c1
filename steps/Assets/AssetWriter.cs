using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Assets;

/// <summary>
/// One run's hold on an asset folder (<c>--asset-dir</c>): opened, it holds the asset's lock until disposed, so
/// two runs writing the same asset take turns (the second waits; its step's timeout bounds the wait) and neither
/// sees the other's half-done work. It checks the run against the asset's <see cref="AssetDescription"/>,
/// publishes each partition whole (<see cref="PartitionSwap"/>) and lists what it did for the manifest.
/// </summary>
public sealed class AssetWriter : IDisposable
{
    private const string IncomingFolder = "incoming";
    private const string ReplacedFolder = "replaced";

    // The lineage file is written every so many publications and at the end: losing the last few entries to a
    // crash only makes the next run recompute those partitions, which then come out unchanged.
    private const int LineageSaveEvery = 64;

    private readonly FolderLock _lock;
    private readonly List<ManifestPartition> _partitions = [];
    private readonly SortedDictionary<string, ManifestPartition> _lineage;
    private AssetDescription? _description;
    private int _unsaved;

    private AssetWriter(string folder, string timeZone, FolderLock held, AssetDescription? description)
    {
        Folder = folder;
        TimeZone = timeZone;
        _lock = held;
        _description = description;
        _lineage = PartitionLineage.Read(folder);
    }

    /// <summary>The asset's name: the name of its folder.</summary>
    public string Name => Path.GetFileName(Folder);

    public string Folder { get; }

    public string TimeZone { get; }

    private string Metadata => Path.Combine(Folder, AssetLayout.MetadataFolder);

    /// <summary>
    /// Takes the asset's lock (waiting while another run holds it), cleans up after a run that died while writing,
    /// and checks that the asset's days are calendar days of <paramref name="timeZone"/>.
    /// </summary>
    public static AssetWriter Open(string folder, string timeZone, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var metadata = Path.Combine(full, AssetLayout.MetadataFolder);
        var held = FolderLock.Acquire(metadata, TimeSpan.MaxValue, "the asset folder", cancellationToken);
        try
        {
            PartitionSwap.Recover(full, Path.Combine(metadata, ReplacedFolder));
            DeleteIfExists(Path.Combine(metadata, IncomingFolder));
            var description = AssetDescription.Read(full);
            if (description is not null && description.TimeZone != timeZone)
            {
                throw StepException.BadOption(
                    $"--asset-dir {full}: the asset's days are calendar days of {description.TimeZone}, not {timeZone}; give --time-zone {description.TimeZone} or another asset folder");
            }

            return new AssetWriter(full, timeZone, held, description);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses columns that differ from the asset's (names, types or nullability), naming each difference, before
    /// anything is written; the first run of an asset records its columns.
    /// </summary>
    public void CheckColumns(IReadOnlyList<ColumnSchema> columns)
    {
        if (_description is null)
        {
            _description = new AssetDescription(Name, TimeZone, columns);
            AtomicJsonFile.Write(Path.Combine(Metadata, AssetDescription.FileName), _description, AssetJsonContext.Default.AssetDescription);
            return;
        }

        var differences = ColumnDifferences.Between(_description.Columns, columns);
        if (differences.Count > 0)
        {
            throw StepException.BadData($"the input's columns do not match those of asset '{Name}' ({Folder}): {string.Join("; ", differences)}");
        }
    }

    /// <summary>
    /// What the partition of <paramref name="key"/> was last made from, as the run that wrote it reported it (inputs
    /// with their hashes then); null when no run of this asset recorded it.
    /// </summary>
    public ManifestPartition? LastWrite(string key) => _lineage.GetValueOrDefault(key);

    /// <summary>
    /// The partitions of the input asset in <paramref name="inputFolder"/> whose partition of the same day here is
    /// missing or (under <paramref name="policy"/> <see cref="StalePolicy.Eager"/>) was made from other content,
    /// oldest first. An input partition's content hash is the one its
    /// writer recorded (hashing a thousand partitions on every run would cost more than the run); a partition
    /// changed behind the writers' back is the server's to find (<c>assets verify</c>).
    /// </summary>
    /// <param name="inputFolder">The input asset's folder.</param>
    /// <param name="policy">What to do with partitions made from other content than the input has now.</param>
    /// <param name="only">
    /// One day to make whatever its state (a partition asked for by name, as a fan-out's partition or a backfill
    /// asks): the others are left as they are. Its input partition must exist.
    /// </param>
    /// <exception cref="StepException">The input asset has no partition <paramref name="only"/> (exit 66).</exception>
    public InputPartitions PartitionsToMake(string inputFolder, string policy = StalePolicy.Eager, string? only = null)
    {
        var inputName = Path.GetFileName(Path.GetFullPath(inputFolder).TrimEnd(Path.DirectorySeparatorChar));
        var recorded = PartitionLineage.Read(inputFolder);
        var toMake = new List<(string, string)>();
        var leftStale = new List<string>();
        var upToDate = 0;
        if (only is not null)
        {
            var folder = AssetLayout.PartitionFolder(inputFolder, only);
            return Directory.Exists(folder)
                ? new InputPartitions([(only, recorded.GetValueOrDefault(only)?.ContentSha256 ?? PartitionContent.Sha256(folder)!)], 0, [])
                : throw StepException.MissingInput($"--partition {only}: the input asset {inputName} has no partition of that day", new SourceLocation(folder));
        }

        foreach (var day in AssetLayout.Days(inputFolder))
        {
            var key = AssetLayout.Key(day);
            var sha = recorded.GetValueOrDefault(key)?.ContentSha256 ?? PartitionContent.Sha256(AssetLayout.PartitionFolder(inputFolder, key))!;
            var madeFrom = LastWrite(key)?.Inputs.FirstOrDefault(i => i.Asset == inputName && i.Partition == key)?.Sha256;
            if (madeFrom == sha && Has(key))
            {
                upToDate++;
            }
            else if (policy == StalePolicy.Manual && Has(key))
            {
                leftStale.Add(key);
            }
            else
            {
                toMake.Add((key, sha));
            }
        }

        return new InputPartitions(toMake, upToDate, leftStale);
    }

    /// <summary>Whether the asset has the partition of <paramref name="key"/>.</summary>
    public bool Has(string key) => Directory.Exists(PartitionFolder(key));

    public string PartitionFolder(string key) => AssetLayout.PartitionFolder(Folder, key);

    /// <summary>
    /// A new, empty folder in the run's staging output to build the partition of <paramref name="key"/> in, before
    /// <see cref="Publish"/> moves it into the asset (hidden under <c>_asset</c>, so it never reads as the run's data).
    /// </summary>
    public static string StagePartition(StepOutput output, string key)
    {
        var folder = AssetLayout.PartitionFolder(Path.Combine(output.StagingDirectory, AssetLayout.MetadataFolder), key);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// Makes <paramref name="newVersion"/> (a complete partition folder anywhere) the partition of <paramref name="key"/>:
    /// moved (or copied, from another file system) next to the asset first, then swapped in whole.
    /// </summary>
    public ManifestPartition Publish(string key, string newVersion, long rows, IReadOnlyList<PartitionInput> inputs)
    {
        var incoming = Path.Combine(Metadata, IncomingFolder, Guid.NewGuid().ToString("N")[..12]);
        MoveOrCopy(newVersion, incoming);
        var hash = PartitionContent.Sha256(incoming)!;
        var change = Has(key) ? PartitionChanges.Replaced : PartitionChanges.Created;
        AttemptFence.Check();
        var old = PartitionSwap.Replace(incoming, PartitionFolder(key), Path.Combine(Metadata, ReplacedFolder));
        if (old is not null)
        {
            DeleteIfExists(old);
        }

        return Add(new ManifestPartition(key, change, rows, hash, inputs));
    }

    /// <summary>Reports a partition the run's data was already in, as it is.</summary>
    public ManifestPartition Unchanged(string key, long rows, IReadOnlyList<PartitionInput> inputs) =>
        Add(new ManifestPartition(key, PartitionChanges.Unchanged, rows, PartitionContent.Sha256(PartitionFolder(key))!, inputs));

    /// <summary>The asset and every partition the run wrote or found up to date, for the manifest; saves the lineage.</summary>
    public ManifestAsset Report()
    {
        lock (_partitions)
        {
            SaveLineage();
            return new ManifestAsset(Name, Folder, TimeZone, [.. _partitions.OrderBy(p => p.Key, StringComparer.Ordinal)]);
        }
    }

    public void Dispose() => _lock.Dispose();

    private ManifestPartition Add(ManifestPartition partition)
    {
        lock (_partitions)
        {
            _partitions.Add(partition);
            if (partition.Change != PartitionChanges.Unchanged || !_lineage.ContainsKey(partition.Key))
            {
                _lineage[partition.Key] = partition;
                if (++_unsaved >= LineageSaveEvery)
                {
                    SaveLineage();
                }
            }
        }

        return partition;
    }

    private void SaveLineage()
    {
        if (_unsaved > 0)
        {
            PartitionLineage.Write(Folder, _lineage);
            _unsaved = 0;
        }
    }

    private static void MoveOrCopy(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            Directory.Move(from, to);
        }
        catch (IOException) when (Directory.Exists(from) && !Directory.Exists(to))
        {
            // Another file system (a container's run folder and asset folder on separate mounts): copy instead.
            CopyFolder(from, to);
            Directory.Delete(from, recursive: true);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void DeleteIfExists(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
