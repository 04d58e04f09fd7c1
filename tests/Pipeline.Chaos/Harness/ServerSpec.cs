namespace Pipeline.Chaos.Harness;

/// <summary>How to start one server process: <c>dotnet {Dll} {Arguments}</c> in <paramref name="WorkingDirectory"/>.</summary>
internal sealed record ServerSpec(
    string Name, string Dll, string WorkingDirectory, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string LogFile);
