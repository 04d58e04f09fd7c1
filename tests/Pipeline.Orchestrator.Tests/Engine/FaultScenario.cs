using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>What the fault tests share: a workflow of one shell step without retries, and waiting for a file to appear.</summary>
internal static class FaultScenario
{
    /// <summary>Workflow <paramref name="id"/>: one step, <c>/bin/sh -c script</c>, no retries.</summary>
    public static string OneStep(string id, string script) => new JsonObject
    {
        ["id"] = id,
        ["name"] = id,
        ["steps"] = new JsonArray(new JsonObject
        {
            ["id"] = "only",
            ["command"] = "/bin/sh",
            ["args"] = new JsonArray("-c", script),
            ["retry"] = new JsonObject { ["retries"] = 0 },
        }),
    }.ToJsonString();

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan patience)
    {
        var deadline = TimeProvider.System.GetUtcNow() + patience;
        while (!condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("the condition never held");
            }

            await Task.Delay(25);
        }
    }
}
