using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Tests.Support;

/// <summary>Runs a step in-process through the step host, with a given environment and a fixed clock.</summary>
public static class StepRun
{
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static Task<int> RunAsync<TOptions>(
        StepDefinition step, Func<StepContext<TOptions>, CancellationToken, Task<JsonObject>> body, IDictionary environment, string[] args)
        where TOptions : StepOptions, new() =>
        StepHost.RunAsync(step, args, environment, new FixedClock(Now), body);
}
