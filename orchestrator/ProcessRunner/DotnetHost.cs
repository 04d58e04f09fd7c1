namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>The step programs are framework-dependent assemblies: they run with the same dotnet host as the server.</summary>
public static class DotnetHost
{
    public static string Path { get; } =
        Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
