using System.Diagnostics;
using System.Text;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>The real program (<c>dotnet Pipeline.Orchestrator.dll ...</c>) as a child process, run in the repository root.</summary>
public static class OrchestratorProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "Pipeline.Orchestrator.dll");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test workflows' commands, allowed as an operator would (a test may override them).
        foreach (var (name, value) in TestCommands.Settings("__"))
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Runs the program to its end and returns its exit code and output.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(args, environment);
        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = Task.Run(async () => stdout.Append(await process.StandardOutput.ReadToEndAsync()));
        var readErr = Task.Run(async () => stderr.Append(await process.StandardError.ReadToEndAsync()));
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAll(readOut, readErr);
            Assert.Fail($"'{string.Join(' ', start.ArgumentList)}' did not end in time; stdout: {stdout}; stderr: {stderr}");
        }

        await Task.WhenAll(readOut, readErr);
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
