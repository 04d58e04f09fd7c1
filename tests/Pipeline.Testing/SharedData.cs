namespace Pipeline.Testing;

/// <summary>
/// The real data sets in <c>../shared/data</c> beside the repository (present on developer and CI machines),
/// and the repository's own bundled sample.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary><c>../shared/data</c> beside the repository, or the folder named by PIPELINE_SHARED_DATA.</summary>
    public static string DataRoot { get; } =
        Environment.GetEnvironmentVariable("PIPELINE_SHARED_DATA") is { Length: > 0 } root ? root : Path.Combine(RepositoryRoot, "..", "shared", "data");

    public static string HiveTemperature => Require(Path.Combine(DataRoot, "seed-hive-temperature"));

    public static string BeijingAirQuality => Require(Path.Combine(DataRoot, "beijing-air-quality"));

    public static string BundledSample => Require(Path.Combine(RepositoryRoot, "samples", "beijing-air-quality"));

    private static string Require(string folder) =>
        Directory.Exists(folder) ? Path.GetFullPath(folder) : throw new DirectoryNotFoundException($"test data folder missing: {folder}");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above the test binaries");
    }
}
