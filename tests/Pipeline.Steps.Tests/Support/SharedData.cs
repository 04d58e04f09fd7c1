namespace Pipeline.Steps.Tests.Support;

/// <summary>
/// The real data sets in <c>../shared/data</c> beside the repository (present on developer and CI machines),
/// and the repository's own bundled sample.
/// </summary>
public static class SharedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string HiveTemperature => Require(Path.Combine(RepositoryRoot, "..", "shared", "data", "seed-hive-temperature"));

    public static string BeijingAirQuality => Require(Path.Combine(RepositoryRoot, "..", "shared", "data", "beijing-air-quality"));

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
