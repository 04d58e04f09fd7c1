using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A server runs only the commands and images its settings allow, within its resource caps: a definition asking for
/// more is refused when it is validated, saved, published or synced from the workflows folder, and again when a run
/// of a version published before the settings changed is triggered, or when a step of a run created before runs.
/// </summary>
public sealed class ExecutionPolicyApiTests
{
    private const string CommandRefused = "command '/usr/bin/curl' is not allowed on this server: Runner:Process:AllowedCommands lists the commands steps may run "
        + "(none by default, when only 'program' steps run)";

    private static JsonObject Curl() => Workflow("fetch", [
        Step("ok", "true"),
        new JsonObject { ["id"] = "curl", ["command"] = "/usr/bin/curl", ["args"] = new JsonArray("https://example.com") },
    ]);

    [Fact]
    public async Task A_command_not_on_the_allow_list_is_a_problem_of_the_definition_at_its_path()
    {
        await using var server = await ApiServer.StartAsync([]);

        var (status, body) = await server.PostAsync("/api/workflows/validate", Curl());

        Assert.Equal(200, status);
        var problem = Assert.Single(body!.AsArray())!;
        Assert.Equal("$.steps[1].command", problem["path"]!.GetValue<string>());
        Assert.Equal(CommandRefused, problem["message"]!.GetValue<string>());

        var (created, createdBody) = await server.PostAsync("/api/workflows?publish=true", Curl());
        Assert.Equal(422, created);
        Assert.Equal("$.steps[1].command", createdBody!["problems"]![0]!["path"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync("/api/workflows")).AsArray());
    }

    [Fact]
    public async Task A_workflow_file_with_a_command_not_allowed_is_not_published()
    {
        await using var server = await ApiServer.StartAsync([Curl(), Workflow("fine", [Step("a", "true")])]);

        var ids = (await server.GetJsonAsync("/api/workflows")).AsArray().Select(w => w!["id"]!.GetValue<string>());

        Assert.Equal(["fine"], ids);
    }

    [Fact]
    public async Task Folder_entries_allow_the_programs_directly_in_them_and_nothing_else()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Runner:Process:AllowedCommands:9"] = "/usr/bin/*" });

        var problems = async (string command) => (await server.PostAsync(
            "/api/workflows/validate", Workflow("w", [new JsonObject { ["id"] = "a", ["command"] = command }]))).Body!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();

        Assert.Empty(await problems("/usr/bin/env"));
        Assert.Equal(["$.steps[0].command"], await problems("/usr/bin/../../bin/bash"));
        Assert.Equal(["$.steps[0].command"], await problems("/usr/bin/x11/thing"));
        Assert.Equal(["$.steps[0].command"], await problems("env"));
    }

    [Fact]
    public async Task Images_and_limits_are_checked_by_the_runner_that_will_run_the_step()
    {
        await using var server = await ApiServer.StartAsync([], extra: new()
        {
            ["Runner:Docker:AllowedImages:0"] = "pipeline/*",
            ["Runner:Docker:MaxMemoryMb"] = "1024",
            ["Runner:Docker:MaxCpus"] = "1",
            ["Runner:Docker:DefaultMemoryMb"] = "512",
            ["Runner:Docker:DefaultCpus"] = "1",
        });
        var big = new JsonObject { ["memoryMb"] = 2048, ["cpus"] = 1.5 };
        var definition = Workflow("w", [
            new JsonObject { ["id"] = "fine", ["image"] = "pipeline/tool:1", ["resources"] = new JsonObject { ["memoryMb"] = 1024 } },
            new JsonObject { ["id"] = "elsewhere", ["image"] = "docker.io/evil/tool:1" },
            new JsonObject { ["id"] = "big", ["image"] = "pipeline/tool:1", ["resources"] = big.DeepClone() },
            // A process: the process runner applies no limits, so it has no caps to be over.
            Step("local", "true", extra: new JsonObject { ["resources"] = big.DeepClone() }),
        ]);

        var (_, body) = await server.PostAsync("/api/workflows/validate", definition);

        Assert.Equal(
            [
                ("$.steps[1].image", "image 'docker.io/evil/tool:1' is not allowed on this server: Runner:Docker:AllowedImages lists the images steps may run "
                    + "(none by default: the step programs run as 'program' steps)"),
                ("$.steps[2].resources.memoryMb", "2048 MB is more than this server gives a step: at most 1024 MB (Runner:Docker:MaxMemoryMb)"),
                ("$.steps[2].resources.cpus", "1.5 CPUs is more than this server gives a step: at most 1 (Runner:Docker:MaxCpus)"),
            ],
            body!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["message"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Settings_narrowed_after_publishing_refuse_the_trigger_and_fail_the_steps_of_runs_created_before()
    {
        using var shared = new TempFolder("policy");
        var database = shared.Sub("pipeline.db");
        var echo = Workflow("echo", [new JsonObject { ["id"] = "say", ["command"] = "/bin/echo", ["args"] = new JsonArray("hello") }]);
        string queuedRun;
        await using (var before = await ApiServer.StartAsync([echo], extra: new() { ["Storage:SqliteFile"] = database, ["Engine:RunSteps"] = "false" }))
        {
            queuedRun = await before.TriggerAsync("echo");
        }

        // Every entry of the tests' list replaced: only /bin/true is allowed now.
        var narrowed = TestCommands.Allowed.Select((_, i) => KeyValuePair.Create($"Runner:Process:AllowedCommands:{i}", (string?)"/bin/true"))
            .Append(KeyValuePair.Create("Storage:SqliteFile", (string?)database))
            .ToDictionary();
        await using var after = await ApiServer.StartAsync([], extra: narrowed);

        var (status, body) = await after.PostAsync("/api/workflows/echo/runs");

        Assert.Equal(422, status);
        Assert.Contains("runs what this server's settings do not allow", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var problem = Assert.Single(body["problems"]!.AsArray())!;
        Assert.Equal("$.steps[0].command", problem["path"]!.GetValue<string>());
        Assert.StartsWith("command '/bin/echo' is not allowed on this server: Runner:Process:AllowedCommands", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var detail = await after.WaitForEndAsync(queuedRun);
        Assert.Equal("failed", ApiClient.RunState(detail));
        Assert.Equal(["failed"], ApiClient.Attempts(detail, "say"));
        var error = ApiClient.Step(detail, "say")["error"]!.GetValue<string>();
        Assert.StartsWith("refused by this server's settings: command '/bin/echo' is not allowed on this server: Runner:Process:AllowedCommands", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_draft_saved_before_the_settings_changed_is_refused()
    {
        using var shared = new TempFolder("policy");
        var database = shared.Sub("pipeline.db");
        var echo = Workflow("echo", [new JsonObject { ["id"] = "say", ["command"] = "/bin/echo" }]);
        await using (var before = await ApiServer.StartAsync([], extra: new() { ["Storage:SqliteFile"] = database }))
        {
            Assert.Equal(201, (await before.PostAsync("/api/workflows", echo)).Status);
        }

        var narrowed = TestCommands.Allowed.Select((_, i) => KeyValuePair.Create($"Runner:Process:AllowedCommands:{i}", (string?)"/bin/true"))
            .Append(KeyValuePair.Create("Storage:SqliteFile", (string?)database))
            .ToDictionary();
        await using var after = await ApiServer.StartAsync([], extra: narrowed);

        var (status, body) = await after.PostAsync("/api/workflows/echo/publish");

        Assert.Equal(422, status);
        Assert.Equal("$.steps[0].command", body!["problems"]![0]!["path"]!.GetValue<string>());
    }
}
