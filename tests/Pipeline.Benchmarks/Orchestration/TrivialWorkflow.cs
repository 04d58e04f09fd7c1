using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>Workflows of trivial steps (<c>/bin/true</c>): a chain where each step waits for the one before, or a fan-out.</summary>
internal static class TrivialWorkflow
{
    public const string Command = "/bin/true";

    public static string Chain(string id, int steps) => Json(id, steps, i => i == 0 ? [] : [StepId(i - 1)]);

    public static string FanOut(string id, int steps) => Json(id, steps, _ => []);

    /// <summary>One step run once per day partition: <paramref name="partitions"/> days from 2021-01-01.</summary>
    public static string Partitioned(string id, int partitions)
    {
        var last = new DateOnly(2021, 1, 1).AddDays(partitions - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var step = new JsonObject
        {
            ["id"] = "per-day",
            ["command"] = Command,
            ["partitions"] = new JsonObject { ["keys"] = "2021-01-01.." + last },
        };
        return new JsonObject { ["id"] = id, ["name"] = id, ["steps"] = new JsonArray(step) }.ToJsonString();
    }

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
