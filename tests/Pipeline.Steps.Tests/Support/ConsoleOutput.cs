namespace Pipeline.Steps.Tests.Support;

/// <summary>
/// Tests that read what a step writes to stdout. <see cref="Console.Out"/> is one writer for the whole process, so
/// these run alone: with other tests running, their steps' log lines would land in the captured text too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Name = "Console output";
}
