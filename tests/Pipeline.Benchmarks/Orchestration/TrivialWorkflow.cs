using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>Workflows of trivial steps (<c>/bin/true</c>): a chain where each step waits for the one before, or a fan-out.</summary>
internal static class TrivialWorkflow
{
    public const string Command = "/bin/true";

    public static string Chain(string id, int steps) => Json(id, steps, i => i == 0 ? [] : [StepId(i - 1)]);

    public static string FanOut(string id, int steps) => Json(id, steps, _ => []);

    private static string Json(string id, int steps, Func<int, string[]> dependsOn)
    {
        var list = new JsonArray();
        for (var i = 0; i < steps; i++)
        {
            list.Add(new JsonObject
            {
                ["id"] = StepId(i),
                ["command"] = Command,
                ["dependsOn"] = new JsonArray([.. dependsOn(i).Select(d => (JsonNode)d)]),
            });
        }

        return new JsonObject { ["id"] = id, ["name"] = id, ["steps"] = list }.ToJsonString();
    }

    private static string StepId(int i) => "s" + i.ToString("D4", CultureInfo.InvariantCulture);
}
