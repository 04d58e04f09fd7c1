using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Tests.DockerRunner;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Containers;

/// <summary>
/// What goes wrong with containers, through the real server and engine: a step killed mid-write, a timeout, an image
/// that is not there, and a server that dies while its container runs on.
/// </summary>
public sealed class ContainerFailureTests
{
    private static readonly JsonObject OneQuickRetry = new() { ["retries"] = 1, ["initialDelaySeconds"] = 0.2 };

    [StepImagesFact]
    public async Task A_chunker_killed_mid_write_publishes_nothing_and_its_retry_publishes_everything_once()
    {
        // The shared data lies outside the working directory and data root the runner mounts.
        await using var server = new ContainerServer(new Dictionary<string, string> { ["Runner__Docker__ReadOnlyBinds__0"] = SharedData.BeijingAirQuality });
        // Two of the Beijing stations (Dingling, Dongsi) on a quarter of a core take several seconds, so the kill lands mid-write.
        server.Add(Workflow("chunk-all", [ProgramStep("chunk", "chunker",
            ["--input", Path.Combine(SharedData.BeijingAirQuality, "PRSA_Data_D*.csv"), "--output", "${{ step.output }}", "--time-zone", "Asia/Shanghai"],
            new JsonObject { ["retry"] = OneQuickRetry.DeepClone(), ["resources"] = new JsonObject { ["cpus"] = 0.25 } })]));
        await server.StartAsync();

        var runId = await server.Api.TriggerAsync("chunk-all");
        var output = ApiClient.Step(await server.Api.WaitForAsync(runId, d => ApiClient.StepState(d, "chunk") == "running"), "chunk")["outputFolder"]!.GetValue<string>();
        await WaitForStagedParquetAsync(output);
        var first = Assert.Single(await server.ContainersAsync(runId, "chunk"));
        await server.Docker.Containers.KillContainerAsync(first.ID, new ContainerKillParameters { Signal = "SIGKILL" });
        var published = File.Exists(Path.Combine(output, "_manifest.json"));
        var detail = await server.Api.WaitForEndAsync(runId, TimeSpan.FromMinutes(3));

        Assert.False(published, "a killed chunker left a manifest in its output folder");
        Assert.True(ApiClient.RunState(detail) == "succeeded", $"{detail.ToJsonString()}\n{server.Output}");
        Assert.Equal(["failed", "succeeded"], ApiClient.Attempts(detail, "chunk"));
        Assert.Equal(["137", "0"], ApiClient.ExitCodes(detail, "chunk"));
        var metrics = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(output, "_manifest.json")))!["metrics"]!;
        Assert.Equal(2 * 35_064, metrics["rowsRead"]!.GetValue<long>());
        Assert.Equal(metrics["rowsRead"]!.GetValue<long>(),
            metrics["rowsWritten"]!.GetValue<long>() + metrics["rowsQuarantined"]!.GetValue<long>() + metrics["rowsDuplicate"]!.GetValue<long>());
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(output)!, "*.staging-*"));
    }

    [StepImagesFact]
    public async Task A_container_step_writes_folders_the_root_server_prepared_for_it()
    {
        await using var server = new ContainerServer(new Dictionary<string, string> { ["Runner__Docker__ReadOnlyBinds__0"] = SharedData.BeijingAirQuality });
        // A folder that does not exist yet, two levels below the root-owned data root: the container's user (10001)
        // could not create it, and the step failed with "access denied" on every retry.
        var output = Path.Combine(server.DataRoot, "exports", "beijing", "chunks");
        server.Add(Workflow("export", [ProgramStep("chunk", "chunker",
            ["--input", Path.Combine(SharedData.BeijingAirQuality, "PRSA_Data_Aotizhongxin_20130301-20170228.csv"), "--output", output, "--time-zone", "Asia/Shanghai"], new JsonObject())]));
        await server.StartAsync();

        var detail = await server.Api.WaitForEndAsync(await server.Api.TriggerAsync("export"), TimeSpan.FromMinutes(3));

        Assert.True(ApiClient.RunState(detail) == "succeeded", $"{detail.ToJsonString()}\n{server.Output}");
        Assert.True(File.Exists(Path.Combine(output, "_manifest.json")));
    }

    [StepImagesFact]
    public async Task A_container_over_its_timeout_is_stopped_and_removed()
    {
        await using var server = new ContainerServer(new Dictionary<string, string> { ["Runner__Docker__RemoveContainers"] = "true" });
        // The timeout counts from the attempt's start, container creation included, which takes over 2 s on a loaded CI
        // machine; 6 s leaves the script time to print before it is stopped.
        server.Add(Workflow("slow", [ImageStep("sleep", "trap 'echo stopping; exit 143' TERM; echo started; sleep 60 & wait", new JsonObject { ["timeoutSeconds"] = 6 })]));
        await server.StartAsync();

        var runId = await server.Api.TriggerAsync("slow");
        var detail = await server.Api.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", ApiClient.RunState(detail));
        Assert.Equal(["timed-out"], ApiClient.Attempts(detail, "sleep"));
        Assert.Equal("timed out after 6 s", ApiClient.Step(detail, "sleep")["error"]!.GetValue<string>());
        Assert.Equal("started\nstopping\n", await server.Api.LogAsync(runId, "sleep", 1));
        Assert.Empty(await server.ContainersAsync(runId));
    }

    [StepImagesFact]
    public async Task A_missing_image_fails_the_step_once_with_a_clear_error()
    {
        await using var server = new ContainerServer(new Dictionary<string, string> { ["Runner__Docker__Images__chunker"] = "pipeline/no-such-chunker:local" });
        server.Add(Workflow("missing", [ProgramStep("chunk", "chunker", ["--input", "samples/beijing-air-quality", "--output", "${{ step.output }}"],
            new JsonObject { ["retry"] = new JsonObject { ["retries"] = 3, ["initialDelaySeconds"] = 0.2 } })]));
        await server.StartAsync();

        var runId = await server.Api.TriggerAsync("missing");
        var detail = await server.Api.WaitForEndAsync(runId, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", ApiClient.RunState(detail));
        Assert.Equal(["failed"], ApiClient.Attempts(detail, "chunk"));
        Assert.Contains("image 'pipeline/no-such-chunker:local' is not on this Docker Engine", ApiClient.Step(detail, "chunk")["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [StepImagesFact]
    public async Task A_container_running_when_its_server_dies_is_adopted_by_the_next_server_not_run_again()
    {
        await using var server = new ContainerServer();
        server.Add(Workflow("long", [ImageStep("work",
            """echo "started $PIPELINE_ATTEMPT" >> "$PIPELINE_OUTPUT/../journal"; echo working; sleep 6; echo done > "$PIPELINE_OUTPUT/done.txt"; echo finished""",
            new JsonObject { ["retry"] = OneQuickRetry.DeepClone() })]));
        await server.StartAsync();
        var runId = await server.Api.TriggerAsync("long");
        await server.Api.WaitForAsync(runId, d => ApiClient.StepState(d, "work") == "running");
        await WaitForAsync(async () => (await server.ContainersAsync(runId, "work")).Any(c => c.State == "running"), "the step's container to run");

        await server.KillAsync();
        await server.StartAsync();
        var detail = await server.Api.WaitForEndAsync(runId, TimeSpan.FromSeconds(90));

        Assert.True(ApiClient.RunState(detail) == "succeeded", $"{detail.ToJsonString()}\n{server.Output}");
        var containers = await server.ContainersAsync(runId, "work");
        Assert.Equal("1", Assert.Single(containers).Labels[ContainerLabels.Attempt]);
        var folder = ApiClient.Step(detail, "work")["outputFolder"]!.GetValue<string>();
        Assert.Equal(["started 1"], await File.ReadAllLinesAsync(Path.Combine(folder, "..", "journal")));
        Assert.Equal(["lost", "succeeded"], ApiClient.Attempts(detail, "work"));
        Assert.Equal("working\nfinished\n", await server.Api.LogAsync(runId, "work", 2));
    }

    private static JsonObject ProgramStep(string id, string program, string[] args, JsonObject extra) =>
        With(new JsonObject { ["id"] = id, ["program"] = program, ["args"] = Args(args) }, extra);

    // A shell script in the small test image: the image's entrypoint is none, so the arguments are the command.
    private static JsonObject ImageStep(string id, string script, JsonObject extra) =>
        With(new JsonObject { ["id"] = id, ["image"] = DockerFactAttribute.TestImage, ["args"] = Args(["sh", "-c", script]) }, extra);

    private static JsonArray Args(string[] args) => new([.. args.Select(a => (JsonNode)a!)]);

    // The run's folder appears only when the container starts writing, and a staging folder may be renamed away
    // while it is looked at: neither is an error while waiting.
    private static Task WaitForStagedParquetAsync(string output) =>
        WaitForAsync(() => Task.FromResult(HasStagedParquet(Path.GetDirectoryName(output)!)), "the chunker to stage its first Parquet file");

    private static bool HasStagedParquet(string runFolder)
    {
        try
        {
            return Directory.Exists(runFolder) && Directory.GetDirectories(runFolder, "*.staging-*")
                .Any(d => Directory.EnumerateFiles(d, "*.parquet", SearchOption.AllDirectories).Any());
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
