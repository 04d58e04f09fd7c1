namespace Pipeline.Benchmarks.Ingest;

/// <summary>A built step: its name for messages and the Release <c>.dll</c> that <c>dotnet</c> runs.</summary>
internal sealed record StepProgram(string Name, string AssemblyPath);
