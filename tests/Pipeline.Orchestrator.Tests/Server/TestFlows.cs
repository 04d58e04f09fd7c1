using System.Text.Json.Nodes;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>The shell workflows the API tests run; each test uses its own so run lists do not mix.</summary>
internal static class TestFlows
{
    /// <summary>greet: say (stdout, stderr, a file in its output) → after (reads say's file).</summary>
    public static JsonObject Greet(string id = "greet") => Workflow(id,
        [
            Step("say", "echo \"$1 $2\"; echo 'a warning' >&2; mkdir -p \"$3\"; echo \"$1 $2\" > \"$3/said.txt\"", args: ["${{ inputs.greeting }}", "${{ inputs.name }}", "${{ step.output }}"]),
            Step("after", "cat \"$1/said.txt\"", dependsOn: ["say"], args: ["${{ steps.say.output }}"]),
        ],
        inputs: new() { ["name"] = null, ["greeting"] = "hello" });

    /// <summary>first → middle (fails until the file given as input <c>marker</c> exists) → last.</summary>
    public static JsonObject Gate(string id) => Workflow(id,
        [
            Step("first", "echo first"),
            Step("middle", "test -f \"$1\" || { echo 'no marker' >&2; exit 1; }", dependsOn: ["first"], args: ["${{ inputs.marker }}"]),
            Step("last", "echo last", dependsOn: ["middle"]),
        ],
        inputs: new() { ["marker"] = null });

    public static JsonObject Exits(string id, int code, int retries) => Workflow(id,
        [Step("fail", $"echo attempt; exit {code}", extra: new JsonObject { ["retry"] = new JsonObject { ["retries"] = retries, ["initialDelaySeconds"] = 0.2 } })]);

    public static JsonObject Slow(string id) => Workflow(id,
        [Step("sleepy", "exec sleep 30", extra: new JsonObject { ["timeoutSeconds"] = 1 })]);

    /// <summary>One step writing its shell's pid to the input <c>pidfile</c>, then sleeping 30 s as that same process.</summary>
    public static JsonObject Sleeper(string id) => Workflow(id,
        [Step("sleep", "echo $$ > \"$1\"; exec sleep 30", args: ["${{ inputs.pidfile }}"])],
        inputs: new() { ["pidfile"] = null });

    public static JsonObject Printer(string id) => Workflow(id,
        [Step("print", "echo one; sleep 1.5; echo two; sleep 1.5; echo three")]);

    public static JsonObject Echo(string id, JsonArray? triggers = null) => Workflow(id,
        [Step("echo", "echo \"$1 $2\"", args: ["${{ inputs.word }}", "${{ run.logicalDate }}"])],
        inputs: new() { ["word"] = "hi" },
        triggers: triggers);
}
