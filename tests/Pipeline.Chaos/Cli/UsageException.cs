namespace Pipeline.Chaos.Cli;

/// <summary>A command line the suite cannot run (exit 64).</summary>
internal sealed class UsageException(string message) : Exception(message);
