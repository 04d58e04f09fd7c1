namespace Pipeline.Benchmarks.Cli;

/// <summary>A command line the benchmark cannot run: unknown option, missing value, value of the wrong form.</summary>
internal sealed class UsageException(string message) : Exception(message);
