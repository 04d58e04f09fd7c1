namespace Pipeline.Benchmarks.Ingest;

/// <summary>Folder chores shared by both sides.</summary>
internal static class IngestFiles
{
    /// <summary>Deletes the folder if present and creates it empty.</summary>
    public static void Recreate(string directory)
    {
        Delete(directory);
        Directory.CreateDirectory(directory);
    }

    public static void Delete(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Total size of the files under a folder (or of one file).</summary>
    public static long Size(string path) =>
        File.Exists(path) ? new FileInfo(path).Length
        : Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length)
        : 0;
}
