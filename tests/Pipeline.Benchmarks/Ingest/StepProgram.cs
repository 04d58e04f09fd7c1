namespace Pipeline.Benchmarks.Ingest;

/// <summary>
/// A built step: its name for messages and its program, either the Release <c>.dll</c> that <c>dotnet</c> runs or
/// the native program compiled ahead of time (eng/publish-native-steps.sh), run directly as the server does.
/// </summary>
internal sealed record StepProgram(string Name, string Path)
{
    public bool IsNative => !Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public Task<ChildProcessResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        IsNative
            ? ChildProcessRunner.RunAsync(Path, arguments, workingDirectory, cancellationToken)
            : ChildProcessRunner.RunAsync("dotnet", [Path, .. arguments], workingDirectory, cancellationToken);

    /// <summary>The command line, for messages.</summary>
    public string CommandLine(IEnumerable<string> arguments) => $"{(IsNative ? Path : $"dotnet {Path}")} {string.Join(' ', arguments)}";
}
