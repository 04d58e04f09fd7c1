using System.Diagnostics;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Support;

/// <summary>Where the two builds of a step program are, and how to run either as a child process.</summary>
internal static class NativePrograms
{
    public static readonly string[] Builds = ["dll", "native"];

    public static readonly string[] Programs = ["Chunker", "FeatureCreator"];

    public static string? Missing()
    {
        var missing = Programs.Select(p => Path(p, "native")).FirstOrDefault(p => !File.Exists(p));
        return missing is null ? null : $"the native program {missing} is not built (eng/publish-native-steps.sh)";
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string build, string program, string[] args)
    {
        var start = build == "native" ? new ProcessStartInfo(Path(program, build)) : new ProcessStartInfo("dotnet") { ArgumentList = { Path(program, build) } };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task RunOkAsync(string build, string program, string[] args)
    {
        var (exit, stdout, stderr) = await RunAsync(build, program, args);
        Assert.True(exit == 0, $"{build} {program} {string.Join(' ', args)} exited {exit}:\n{stderr}\n{stdout}");
    }

    private static string Path(string program, string build) =>
        System.IO.Path.Combine(SharedData.RepositoryRoot, "steps", program, "bin", "Release", build == "native" ? "native" : "net10.0",
            $"Pipeline.Steps.{program}{(build == "native" ? "" : ".dll")}");
}

/// <summary>A test of the native programs: skipped, saying why, when they are not built, unless PIPELINE_REQUIRE_NATIVE_STEPS=1.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeProgramsFactAttribute : FactAttribute
{
    public NativeProgramsFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_REQUIRE_NATIVE_STEPS") != "1" && NativePrograms.Missing() is { } reason)
        {
            Skip = reason;
        }
    }
}
