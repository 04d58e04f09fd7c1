using System.Diagnostics;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// How to start a step program: a native program (compiled ahead of time) directly, a framework-dependent entry
/// assembly (<c>.dll</c>) with the dotnet host that runs the server.
/// </summary>
public sealed record StepProgramCommand(string Path)
{
    public bool IsAssembly => Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>A start for the program, before its own arguments.</summary>
    public ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo(IsAssembly ? DotnetHost.Path : Path);
        if (IsAssembly)
        {
            start.ArgumentList.Add(Path);
        }

        return start;
    }

    public override string ToString() => Path;
}
