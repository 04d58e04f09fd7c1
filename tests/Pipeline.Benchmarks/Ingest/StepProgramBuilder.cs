namespace Pipeline.Benchmarks.Ingest;

/// <summary>Builds a step project in Release with <c>dotnet build</c> and finds the assembly it produced.</summary>
internal static class StepProgramBuilder
{
    public static async Task<StepProgram> BuildAsync(string repositoryRoot, string projectPath, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repositoryRoot, projectPath);
        var name = Path.GetFileNameWithoutExtension(project);
        if (!File.Exists(project))
        {
            throw new SideFailedException($"step project {projectPath} does not exist (is the step written yet?)");
        }

        // -getProperty prints the evaluated TargetPath, so a changed output layout is still found; without -t:Build it
        // would only evaluate the project and not build it.
        var result = await ChildProcessRunner.RunAsync(
            "dotnet",
            ["build", project, "-c", "Release", "--nologo", "-v", "quiet", "-t:Build", "-getProperty:TargetPath"],
            repositoryRoot,
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new SideFailedException($"dotnet build -c Release {projectPath} failed (exit {result.ExitCode}):{Environment.NewLine}    {result.Tail()}");
        }

        var assembly = result.StandardOutput.Trim();
        return File.Exists(assembly)
            ? new StepProgram(name, assembly)
            : throw new SideFailedException($"built {projectPath} but its TargetPath '{assembly}' does not exist");
    }
}
