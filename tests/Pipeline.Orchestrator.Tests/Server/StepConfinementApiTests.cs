using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// What a definition cannot make a step do: name a path outside the folders runs may use in a program's path options
/// (refused at publish when written literally, at trigger when it comes from an input), set the .NET runtime's or the
/// dynamic loader's variables for a step program, or read the server's own environment.
/// </summary>
public sealed class StepConfinementApiTests : IDisposable
{
    private readonly TempFolder _elsewhere = new("orchestrator-elsewhere");

    [Fact]
    public async Task A_literal_path_option_outside_the_roots_is_refused_at_publish_wherever_it_is_written()
    {
        await using var server = await ApiServer.StartAsync([]);
        var outside = _elsewhere.Sub("victim");
        var cases = new (string Program, JsonArray Args, JsonObject? Env, string Path, string Option, string Access)[]
        {
            ("chunker", ["--input", "samples", "--output", outside], null, "$.steps[0].args[3]", "--output", "write"),
            ("chunker", ["--input=/etc/passwd", "--output", "${{ step.output }}"], null, "$.steps[0].args[0]", "--input", "read"),
            ("chunker", ["--input", "samples,/etc/hosts", "--output", "${{ step.output }}"], null, "$.steps[0].args[1]", "--input", "read"),
            ("chunker", ["--input", "samples", "--output", "${{ step.output }}", "--config", "/etc/pipeline.json"], null, "$.steps[0].args[5]", "--config", "read"),
            ("chunker", ["--input", "samples"], new JsonObject { ["CHUNKER_OUTPUT"] = outside }, "$.steps[0].env.CHUNKER_OUTPUT", "CHUNKER_OUTPUT", "write"),
            ("cluster-train", ["--input", "${{ dataRoot }}/f", "--output", "${{ step.output }}", "--registry", "/var/tmp/registry"], null, "$.steps[0].args[5]", "--registry", "write"),
            ("cluster-predict", ["--input", "x", "--output", "${{ step.output }}", "--registry", "r", "--state-dir", "/root"], null, "$.steps[0].args[7]", "--state-dir", "write"),
        };
        foreach (var (program, args, env, path, option, access) in cases)
        {
            var step = new JsonObject { ["id"] = "step", ["program"] = program, ["args"] = args };
            if (env is not null)
            {
                step["env"] = env;
            }

            var (status, body) = await server.PostAsync("/api/workflows?publish=true", Workflow("outside", [step]));

            Assert.True(status == 422, $"{args.ToJsonString()} {env?.ToJsonString()}: {status} {body?.ToJsonString()}");
            var problem = Assert.Single(body!["problems"]!.AsArray())!;
            Assert.Equal(path, problem["path"]!.GetValue<string>());
            Assert.StartsWith($"{option}: ", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains($"outside the folders runs may {access}", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Inside the folders, but an output replaces its folder whole: never a root, the data root or its runs.
        foreach (var (target, says) in new[]
        {
            (server.DataRoot, "no step may replace that"),
            (server.DataRoot + "/runs", "no step may replace that"),
            (Path.GetDirectoryName(server.DataRoot)!, "which holds or is the server's own"),
            (SharedData.RepositoryRoot, "one of the folders runs may use"),
        })
        {
            var step = new JsonObject { ["id"] = "step", ["program"] = "chunker", ["args"] = new JsonArray("--input", "samples", "--output", target) };
            var (status, body) = await server.PostAsync("/api/workflows?publish=true", Workflow("replaces", [step]));

            Assert.True(status == 422, $"{target}: {status} {body?.ToJsonString()}");
            Assert.Contains(says, Assert.Single(body!["problems"]!.AsArray())!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // The server's own database, though it lies in the steps' working folder here: neither read nor replaced.
        foreach (var (args, path) in new (JsonArray, string)[]
        {
            (["--input", server.DatabaseFile, "--output", "${{ step.output }}"], "$.steps[0].args[1]"),
            (["--input", "samples", "--output", "${{ step.output }}", "--state-dir", Path.GetDirectoryName(server.DatabaseFile)!], "$.steps[0].args[5]"),
        })
        {
            var step = new JsonObject { ["id"] = "step", ["program"] = "chunker", ["args"] = args };
            var (status, body) = await server.PostAsync("/api/workflows?publish=true", Workflow("database", [step]));

            Assert.True(status == 422, $"{args.ToJsonString()}: {status} {body?.ToJsonString()}");
            var problem = Assert.Single(body!["problems"]!.AsArray())!;
            Assert.Equal(path, problem["path"]!.GetValue<string>());
            Assert.Contains("the server's own", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A path option inside the roots, and an option that is no path, pass.
        var fine = new JsonObject
        {
            ["id"] = "step",
            ["program"] = "chunker",
            ["args"] = new JsonArray("--input", "samples/beijing-air-quality", "--output", server.DataRoot + "/runs/mine", "--time-zone", "/etc/localtime"),
        };
        var (ok, okBody) = await server.PostAsync("/api/workflows?publish=true", Workflow("inside", [fine]));
        Assert.True(ok == 201, okBody?.ToJsonString());
    }

    [Fact]
    public async Task A_path_option_given_by_an_input_is_refused_at_trigger_and_the_folder_outside_is_untouched()
    {
        var flow = Workflow("writes", [new JsonObject
        {
            ["id"] = "chunk",
            ["program"] = "chunker",
            ["args"] = new JsonArray("--input", "samples/beijing-air-quality", "--output", "${{ inputs.target }}", "--time-zone", "Asia/Shanghai"),
        }]);
        // A text input, not a path input: only the program's own description says it is used as a path.
        flow["inputs"] = new JsonObject { ["target"] = new JsonObject { ["type"] = "string" } };
        await using var server = await ApiServer.StartAsync([flow]);
        var victim = _elsewhere.Sub("victim", create: true);
        await File.WriteAllTextAsync(Path.Combine(victim, "keep.txt"), "mine");

        var (status, body) = await server.PostAsync("/api/workflows/writes/runs", new JsonObject { ["inputs"] = new JsonObject { ["target"] = victim } });

        Assert.True(status == 422, body?.ToJsonString());
        var problem = Assert.Single(body!["problems"]!.AsArray())!;
        Assert.Equal("$.steps[0].args[3]", problem["path"]!.GetValue<string>());
        Assert.Contains($"leads to {victim}, outside the folders runs may write", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await server.GetJsonAsync("/api/runs?workflow=writes"))["runs"]!.AsArray());
        Assert.Equal(["keep.txt"], Directory.GetFiles(victim).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_step_program_may_not_set_the_runtime_or_loader_variables_a_command_step_may_set_the_runtime_ones()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Runner:Docker:Images:chunker"] = "pipeline/chunker:latest" });
        foreach (var name in new[] { "DOTNET_GCPath", "OPENSSL_CONF", "GCONV_PATH", "DOTNET_gcServer", "COMPlus_GCgen0size", "CORECLR_PROFILER", "LD_PRELOAD", "ld_library_path" })
        {
            var step = new JsonObject
            {
                ["id"] = "chunk",
                ["program"] = "chunker",
                ["args"] = new JsonArray("--input", "samples", "--output", "${{ step.output }}"),
                ["env"] = new JsonObject { [name] = "/tmp/libevil.so" },
            };
            var (status, body) = await server.PostAsync("/api/workflows/validate", Workflow("loads", [step]));

            Assert.Equal(200, status);
            var problem = Assert.Single(body!.AsArray())!;
            Assert.Equal($"$.steps[0].env.{name}", problem["path"]!.GetValue<string>());
            Assert.Contains("not allowed", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // A step program's image named as an image step would escape those checks.
        var image = new JsonObject { ["id"] = "chunk", ["image"] = "pipeline/chunker:latest", ["env"] = new JsonObject { ["DOTNET_GCPath"] = "/tmp/libevil.so" } };
        var (_, asImage) = await server.PostAsync("/api/workflows/validate", Workflow("as-image", [image]));
        var refused = Assert.Single(asImage!.AsArray())!;
        Assert.Equal("$.steps[0].image", refused["path"]!.GetValue<string>());
        Assert.Contains("is the step program 'chunker'", refused["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var command = Step("sh", "echo $DOTNET_CLI_TELEMETRY_OPTOUT", extra: new JsonObject { ["env"] = new JsonObject { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" } });
        var (_, fine) = await server.PostAsync("/api/workflows/validate", Workflow("tool", [command]));
        Assert.Empty(fine!.AsArray());
    }

    [Fact]
    public async Task A_step_process_gets_an_allow_listed_environment_never_the_servers_settings()
    {
        using var folder = new TempFolder("orchestrator-env");
        var workflows = folder.Sub("workflows", create: true);
        WriteTo(workflows, Workflow("prints-env", [Step("env", "env | sort", extra: new JsonObject { ["env"] = new JsonObject { ["OWN"] = "own-value" } })]));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Main"] = "Host=db;Password=connection-secret",
            ["Storage__CommandTimeout"] = "00:00:30",
            ["ASPNETCORE_SECRET_SETTING"] = "aspnet-secret",
            ["DOTNET_SECRET_SETTING"] = "dotnet-secret",
            ["PASSED_ON"] = "passed-value",
            ["NOT_PASSED"] = "not-passed-value",
            ["Runner__Process__PassEnvironment__0"] = "PASSED_ON",
        };
        await using var server = await ServerProcess.StartAsync(["--sqlite", folder.Sub("pipeline.db")], folder.Sub("data"), workflows, environment);
        using var api = new ApiClient(server.BaseUrl);

        var runId = await api.TriggerAsync("prints-env");
        var detail = await api.WaitForEndAsync(runId, context: () => server.Output);
        var printed = await api.LogAsync(runId, "env", 1);

        Assert.Equal("succeeded", ApiClient.RunState(detail));
        var names = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).ToList();
        Assert.Contains("PATH", names);
        Assert.Contains("PIPELINE_RUN_ID", names);
        Assert.Contains("PIPELINE_PATH_ROOTS", names);
        Assert.Contains("PIPELINE_HIDDEN_PATHS", names);
        Assert.Contains("OWN=own-value", printed, StringComparison.Ordinal);
        Assert.Contains("PASSED_ON=passed-value", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(names, n => n.StartsWith("Auth__", StringComparison.Ordinal) || n.StartsWith("Storage__", StringComparison.Ordinal)
            || n.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || n.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || n.StartsWith("DOTNET_", StringComparison.Ordinal) || n.StartsWith("Runner__", StringComparison.Ordinal) || n == "NOT_PASSED");
        foreach (var secret in new[] { TestAuth.AdminKey, TestAuth.AdminPassword, "connection-secret", "aspnet-secret", "dotnet-secret", "not-passed-value" })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _elsewhere.Dispose();
}
