namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// Builds a step project in Release with <c>dotnet build</c> and finds the assembly it produced; with
/// <c>native</c>, then compiles it ahead of time (eng/publish-native-steps.sh) and returns the native program, as
/// the server's process runner runs it.
/// </summary>
internal static class StepProgramBuilder
{
    public static async Task<StepProgram> BuildAsync(string repositoryRoot, string projectPath, CancellationToken cancellationToken, bool native = false)
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
        if (!File.Exists(assembly))
        {
            throw new SideFailedException($"built {projectPath} but its TargetPath '{assembly}' does not exist");
        }

        return native ? await PublishNativeAsync(repositoryRoot, projectPath, name, cancellationToken) : new StepProgram(name, assembly);
    }

    private static async Task<StepProgram> PublishNativeAsync(string repositoryRoot, string projectPath, string name, CancellationToken cancellationToken)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.Combine(repositoryRoot, projectPath))!);
        var result = await ChildProcessRunner.RunAsync(Path.Combine(repositoryRoot, "eng", "publish-native-steps.sh"), [folder], repositoryRoot, cancellationToken);
        var program = Path.Combine(repositoryRoot, "steps", folder, "bin", "Release", "native", name);
        return result.ExitCode == 0 && File.Exists(program) ? new StepProgram(name, program)
            : throw new SideFailedException($"eng/publish-native-steps.sh {folder} failed (exit {result.ExitCode}):{Environment.NewLine}    {result.Tail()}");
    }
}
