using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>The container runner against a real Docker Engine: output, exit codes, mounts, stopping, clear errors.</summary>
public sealed class DockerStepRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "docker-runner-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _run = "run-" + Guid.NewGuid().ToString("N")[..8];
    private readonly DockerRunnerOptions _options = new() { StopGracePeriod = TimeSpan.FromSeconds(1) };

    private DockerStepRunner Runner() =>
        new(_options, new EngineOptions { DataRoot = _folder, WorkerId = "test-worker" }, NullLogger<DockerStepRunner>.Instance);

    private StepLaunch Shell(string script, string? image = null, StepResources? resources = null, string stepId = "step")
    {
        var key = new AttemptKey(_run, stepId, 1);
        var spec = new StepSpec
        {
            Image = image ?? DockerFactAttribute.TestImage,
            Args = ["sh", "-c", script],
            OutputFolder = Path.Combine(_folder, "runs", _run, stepId),
            Resources = resources,
        };
        return new StepLaunch(key, spec, AttemptLogs.For(_folder, key));
    }

    [DockerFact]
    public async Task Output_goes_to_the_attempt_logs_and_the_output_folder_is_the_same_path_inside()
    {
        var launch = Shell("""echo "out:$PIPELINE_RUN_ID/$PIPELINE_ATTEMPT"; echo err >&2; echo data > "$PIPELINE_OUTPUT/file.txt" """,
            resources: new StepResources { Cpus = 0.5, MemoryMb = 64 });
        using var runner = Runner();

        var result = await runner.RunAsync(launch, CancellationToken.None);

        Assert.Equal(AttemptStates.Succeeded, result.State);
        Assert.Equal([$"out:{_run}/1"], await File.ReadAllLinesAsync(launch.Logs.StdoutPath));
        Assert.Equal("err", (await File.ReadAllTextAsync(launch.Logs.StderrPath)).Trim());
        Assert.Equal("data", (await File.ReadAllTextAsync(Path.Combine(launch.Spec.OutputFolder, "file.txt"))).Trim());
    }

    [DockerFact]
    public async Task The_attempt_names_the_exact_image_it_ran_in_by_registry_digest_else_image_id()
    {
        using var docker = new DockerClientBuilder().WithEndpoint(_options.Endpoint).Build();
        var image = await docker.Images.InspectImageAsync(DockerFactAttribute.TestImage);
        using var runner = Runner();

        var result = await runner.RunAsync(Shell("true"), CancellationToken.None);
        var failed = await runner.RunAsync(Shell("exit 3", stepId: "failing"), CancellationToken.None);

        // The test image is built here and never pushed, so its id (the hash of its configuration) names it.
        var expected = image.RepoDigests?.FirstOrDefault() ?? image.ID;
        Assert.StartsWith("sha256:", image.ID, StringComparison.Ordinal);
        Assert.Equal(expected, result.ImageDigest);
        Assert.Equal(expected, failed.ImageDigest);
    }

    [DockerFact]
    public async Task Inside_a_step_the_root_is_read_only_no_capability_is_left_and_only_the_output_and_tmp_take_writes()
    {
        using var runner = Runner();
        var launch = Shell("""
            grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
            touch /root-file 2>/dev/null && echo root-writable || echo root-read-only
            echo t > /tmp/t && echo tmp-writable
            echo o > "$PIPELINE_OUTPUT/o" && echo output-writable
            """);

        var result = await runner.RunAsync(launch, CancellationToken.None);

        Assert.True(result.State == AttemptStates.Succeeded, result.Error);
        var lines = (await File.ReadAllLinesAsync(launch.Logs.StdoutPath)).Select(l => string.Join(' ', l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["CapEff: 0000000000000000", "NoNewPrivs: 1", "root-read-only", "tmp-writable", "output-writable"], lines);
    }

    [DockerFact]
    public async Task A_step_never_runs_as_root_and_can_write_its_output_when_the_server_is_root()
    {
        using var runner = Runner();
        var launch = Shell("""id -u; id -g; echo o > "$PIPELINE_OUTPUT/o" && echo output-writable""");

        var result = await runner.RunAsync(launch, CancellationToken.None);

        Assert.True(result.State == AttemptStates.Succeeded, result.Error + File.ReadAllText(launch.Logs.StderrPath));
        var lines = await File.ReadAllLinesAsync(launch.Logs.StdoutPath);
        Assert.NotEqual("0", lines[0]);
        if (Environment.UserName == "root")
        {
            // The test image sets no user and the server is root: the fallback user, the step images' own.
            Assert.Equal(["10001", "10001", "output-writable"], lines);
        }
    }

    [DockerFact]
    public async Task On_a_data_volume_an_image_without_a_user_of_its_own_runs_as_the_fallback_user()
    {
        using var client = new DockerClientBuilder().WithEndpoint(_options.Endpoint).Build();
        var volume = "pipeline-test-" + Guid.NewGuid().ToString("N")[..10];
        await client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume });
        try
        {
            _options.DataVolume = volume;
            _options.MountWorkingDirectory = false;
            using var runner = Runner();
            var launch = Shell("id -u; id -g");

            var result = await runner.RunAsync(launch, CancellationToken.None);

            Assert.True(result.State == AttemptStates.Succeeded, result.Error + File.ReadAllText(launch.Logs.StderrPath));
            // The test image sets no USER: on a volume the image's user decides, and root gives way.
            Assert.Equal(["10001", "10001"], await File.ReadAllLinesAsync(launch.Logs.StdoutPath));
        }
        finally
        {
            await client.Volumes.RemoveAsync(volume, force: true);
        }
    }

    [DockerFact]
    public async Task Every_container_gets_memory_and_cpu_limits_the_defaults_when_the_step_sets_none()
    {
        _options.RemoveContainers = false;
        _options.DefaultMemoryMb = 300;
        _options.DefaultCpus = 0.5;
        using var runner = Runner();
        using var client = new DockerClientBuilder().WithEndpoint(_options.Endpoint).Build();
        var byDefault = Shell("true");
        var own = Shell("true", resources: new StepResources { Cpus = 1, MemoryMb = 128 }, stepId: "own");

        await runner.RunAsync(byDefault, CancellationToken.None);
        await runner.RunAsync(own, CancellationToken.None);

        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"pipeline.run={_run}"] = true } },
        });
        try
        {
            var limits = new Dictionary<string, (long Memory, long NanoCpus, string User)>();
            foreach (var container in containers)
            {
                var inspected = await client.Containers.InspectContainerAsync(container.ID);
                limits[container.Labels["pipeline.step"]] = (inspected.HostConfig!.Memory, inspected.HostConfig.NanoCPUs, inspected.Config!.User);
            }

            Assert.Equal(300L * 1024 * 1024, limits["step"].Memory);
            Assert.Equal(500_000_000, limits["step"].NanoCpus);
            Assert.Equal(128L * 1024 * 1024, limits["own"].Memory);
            Assert.Equal(1_000_000_000, limits["own"].NanoCpus);
            Assert.All(limits.Values, l => Assert.False(ContainerUser.IsRoot(l.User), l.User));
        }
        finally
        {
            foreach (var container in containers)
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
        }
    }

    [DockerFact]
    public async Task A_usage_exit_is_not_retried_and_its_last_error_line_is_the_message()
    {
        using var runner = Runner();

        var result = await runner.RunAsync(Shell("echo 'error: bad option' >&2; exit 64"), CancellationToken.None);

        Assert.Equal(AttemptStates.Failed, result.State);
        Assert.Equal(64, result.ExitCode);
        Assert.False(result.Retryable);
        Assert.Equal("exited with code 64: error: bad option", result.Error);
    }

    [DockerFact]
    public async Task Cancellation_stops_the_container_even_when_it_ignores_SIGTERM()
    {
        using var runner = Runner();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await runner.RunAsync(Shell("trap '' TERM; echo up; while true; do sleep 1; done"), cancel.Token);

        Assert.Equal(AttemptStates.Cancelled, result.State);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
    }

    [DockerFact]
    public async Task A_missing_image_fails_for_good_with_a_clear_message()
    {
        using var runner = Runner();

        var result = await runner.RunAsync(Shell("true", image: "pipeline/no-such-image:local"), CancellationToken.None);

        Assert.Equal(AttemptStates.Failed, result.State);
        Assert.False(result.Retryable);
        Assert.Contains("image 'pipeline/no-such-image:local' is not on this Docker Engine", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_engine_fails_retryably_naming_the_endpoint()
    {
        _options.Endpoint = new Uri("unix://" + Path.Combine(_folder, "no-docker.sock"));
        using var runner = Runner();

        var result = await runner.RunAsync(Shell("true", image: "any:1"), CancellationToken.None);

        Assert.Equal(AttemptStates.Failed, result.State);
        Assert.True(result.Retryable);
        Assert.Contains("no-docker.sock", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
