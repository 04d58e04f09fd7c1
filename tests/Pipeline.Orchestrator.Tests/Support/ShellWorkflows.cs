using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>Workflow definitions whose steps are <c>/bin/sh -c</c> scripts, so they run in milliseconds.</summary>
public static class ShellWorkflows
{
    /// <summary>A step running <paramref name="script"/> with <c>/bin/sh -c</c>; <c>$1</c>.. are <paramref name="args"/>.</summary>
    public static JsonObject Step(string id, string script, string[]? dependsOn = null, string[]? args = null, JsonObject? extra = null)
    {
        var argList = new JsonArray("-c", script, "sh");
        foreach (var a in args ?? [])
        {
            argList.Add(a);
        }

        var step = new JsonObject { ["id"] = id, ["command"] = "/bin/sh", ["args"] = argList };
        if (dependsOn is { Length: > 0 })
        {
            step["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d!)]);
        }

        return With(step, extra);
    }

    /// <summary>The step with each property of <paramref name="extra"/> (retry, timeoutSeconds, resources...) copied in.</summary>
    public static JsonObject With(JsonObject step, JsonObject? extra)
    {
        foreach (var (key, value) in extra ?? [])
        {
            step[key] = value?.DeepClone();
        }

        return step;
    }

    /// <summary>A workflow with the given steps; inputs as name → default (null: required), triggers as given.</summary>
    public static JsonObject Workflow(string id, JsonObject[] steps, Dictionary<string, string?>? inputs = null, JsonArray? triggers = null, int maxActiveRuns = 10)
    {
        var workflow = new JsonObject
        {
            ["id"] = id,
            ["name"] = $"Test workflow {id}",
            ["maxActiveRuns"] = maxActiveRuns,
            ["steps"] = new JsonArray([.. steps]),
        };
        if (inputs is not null)
        {
            var declared = new JsonObject();
            foreach (var (name, value) in inputs)
            {
                declared[name] = value is null ? new JsonObject() : new JsonObject { ["default"] = value };
            }

            workflow["inputs"] = declared;
        }

        if (triggers is not null)
        {
            workflow["triggers"] = triggers;
        }

        return workflow;
    }

    public static void WriteTo(string folder, JsonObject workflow) =>
        File.WriteAllText(Path.Combine(folder, $"{workflow["id"]!.GetValue<string>()}.json"), workflow.ToJsonString());
}
