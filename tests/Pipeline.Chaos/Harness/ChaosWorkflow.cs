using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// The workflow every scenario runs: step a, then b and c, each a shell script that writes a start line to the
/// journal, optionally prints a lot, sleeps 1–6 s (by its pid, so durations vary) and writes an end line; a stop by
/// its server (SIGTERM) writes a stop line instead. Steps keep the default settings (no retries, no timeout): the
/// point is how the defaults behave. maxActiveRuns is raised so runs do not queue behind each other.
/// </summary>
internal static class ChaosWorkflow
{
    public const string Id = "chaos";

    public static string Json(string journal, int outputBytes)
    {
        const string Fields = "$PIPELINE_RUN_ID $PIPELINE_STEP_ID $PIPELINE_ATTEMPT $$ $c $(date +%s.%N) $s";
        // The parent, grandparent and great-grandparent pids (builtins only): the server is one of them, under
        // whatever wrapper (setsid, the runner's exit-code shell) it starts steps with.
        const string Ancestors = "c=$PPID; p=$PPID; for i in 1 2; do read -r x x x p x < /proc/$p/stat || break; c=\"$c,$p\"; done; ";
        // `sleep & wait`: a trap runs only once the foreground command ends, but interrupts wait at once.
        var print = outputBytes > 0 ? string.Create(CultureInfo.InvariantCulture, $"head -c {outputBytes} /dev/zero | tr '\\0' x; echo; ") : "";
        var script =
            $"j='{journal}'; s=$(( $$ % 6 + 1 )); " + Ancestors +
            $"trap 'echo \"stop {Fields}\" >> \"$j\"; exit 143' TERM; " +
            $"echo \"start {Fields}\" >> \"$j\"; " +
            print +
            "sleep $s & wait $!; " +
            $"echo \"end {Fields}\" >> \"$j\"";
        var workflow = new JsonObject
        {
            ["id"] = Id,
            ["name"] = "Chaos suite",
            ["maxActiveRuns"] = 200,
            ["steps"] = new JsonArray(Step("a", script), Step("b", script, "a"), Step("c", script, "a")),
        };
        return workflow.ToJsonString();
    }

    private static JsonObject Step(string id, string script, params string[] dependsOn) => new()
    {
        ["id"] = id,
        ["command"] = "/bin/sh",
        ["args"] = new JsonArray("-c", script),
        ["dependsOn"] = new JsonArray([.. dependsOn.Select(d => (JsonNode)d)]),
    };
}
