namespace Pipeline.Benchmarks.Ingest;

/// <summary>Finds the folder holding <c>Pipeline.sln</c>, from the working directory or from this program's location.</summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "Pipeline.sln";

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new SideFailedException($"cannot find {SolutionFile} above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }
}
