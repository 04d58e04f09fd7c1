using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// The step's output, written into a hidden staging folder beside the final one and published with renames only
/// when the step succeeded: a crash or kill leaves at most a staging folder, never an output that looks complete.
/// </summary>
public sealed class StepOutput : IDisposable
{
    public const string ManifestFileName = ManifestFiles.Manifest;
    public const string FailureFileName = ManifestFiles.Failure;
    private const string StagingMarker = ".staging-";

    private readonly List<OutputFile> _files = [];
    private readonly Dictionary<string, IReadOnlyList<ColumnSchema>> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _published;

    private StepOutput(string finalDirectory, string stagingDirectory)
    {
        FinalDirectory = finalDirectory;
        StagingDirectory = stagingDirectory;
    }

    /// <summary>Where the output will be once published.</summary>
    public string FinalDirectory { get; }

    /// <summary>Where the step writes its files now.</summary>
    public string StagingDirectory { get; }

    public IReadOnlyList<OutputFile> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _files.OrderBy(f => f.Path, StringComparer.Ordinal)];
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<ColumnSchema>> Schemas
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, IReadOnlyList<ColumnSchema>>(_schemas, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Creates a fresh staging folder and removes staging folders that killed runs left behind.</summary>
    public static StepOutput Create(string outputDirectory)
    {
        var final = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(final) ?? throw StepException.BadOption($"--output cannot be the root folder: {outputDirectory}");
        Directory.CreateDirectory(parent);
        var prefix = "." + Path.GetFileName(final) + StagingMarker;
        foreach (var stale in Directory.EnumerateDirectories(parent, prefix + "*"))
        {
            TryDelete(stale);
        }

        var staging = Path.Combine(parent, prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(staging);
        return new StepOutput(final, staging);
    }

    /// <summary>Absolute staging path of a file given relative to the output folder; creates its folder.</summary>
    public string PathFor(string relativePath)
    {
        var path = Path.Combine(StagingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Declares a schema that output files can refer to.</summary>
    public void AddSchema(string name, IReadOnlyList<ColumnSchema> columns)
    {
        lock (_gate)
        {
            _schemas[name] = columns;
        }
    }

    /// <summary>Records a written file for the manifest.</summary>
    public void AddFile(string relativePath, long rows, int columns, string? schema)
    {
        var bytes = new FileInfo(Path.Combine(StagingDirectory, relativePath)).Length;
        lock (_gate)
        {
            _files.Add(new OutputFile(relativePath.Replace('\\', '/'), rows, columns, schema, bytes));
        }
    }

    /// <summary>Deletes a folder of the staged output and forgets the files recorded under it (to write it again).</summary>
    public void RemoveFolder(string relativeFolder) => Directory.Delete(TakeFolder(relativeFolder), recursive: true);

    /// <summary>
    /// Forgets the files recorded under a folder of the staged output and returns the folder's path, for the caller
    /// to move elsewhere (a partition published into an asset instead of the run's output).
    /// </summary>
    public string TakeFolder(string relativeFolder)
    {
        var prefix = relativeFolder.Replace('\\', '/').TrimEnd('/') + "/";
        lock (_gate)
        {
            _files.RemoveAll(f => f.Path.StartsWith(prefix, StringComparison.Ordinal));
        }

        return Path.Combine(StagingDirectory, relativeFolder);
    }

    /// <summary>Writes the manifest last, then swaps the staging folder in for the final one.</summary>
    public void Publish(StepManifest manifest)
    {
        AttemptFence.Check();
        WriteJson(Path.Combine(StagingDirectory, ManifestFileName), manifest);
        var parent = Path.GetDirectoryName(FinalDirectory)!;
        string? previous = null;
        if (Directory.Exists(FinalDirectory))
        {
            previous = Path.Combine(parent, "." + Path.GetFileName(FinalDirectory) + ".replaced-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.Move(FinalDirectory, previous);
        }

        Directory.Move(StagingDirectory, FinalDirectory);
        _published = true;
        if (previous is not null)
        {
            TryDelete(previous);
        }
    }

    /// <summary>
    /// Records a failure beside (never inside) a previous good output: <c>_failure.json</c> in the output folder,
    /// which holds no manifest unless an earlier run succeeded, so nothing here looks complete that is not.
    /// </summary>
    public void RecordFailure(StepManifest manifest)
    {
        Directory.CreateDirectory(FinalDirectory);
        WriteJson(Path.Combine(FinalDirectory, FailureFileName), manifest);
    }

    public void Dispose()
    {
        if (!_published)
        {
            TryDelete(StagingDirectory);
        }
    }

    /// <summary>Writes JSON through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void WriteJson(string path, StepManifest manifest)
    {
        AtomicJsonFile.Write(path, manifest, ManifestJsonContext.Default.StepManifest);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Another run may own it or it is already gone; a later run cleans it up.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
