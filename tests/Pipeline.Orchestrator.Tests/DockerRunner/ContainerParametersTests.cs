using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Secrets;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>How a rendered step becomes a container: image, argv, environment, mounts, limits, labels.</summary>
public sealed class ContainerParametersTests
{
    private static readonly AttemptKey Key = new("run-7", "features", 2);

    private static StepLaunch Launch(StepSpec spec) => new(Key, spec, AttemptLogs.For("/data", Key));

    [Fact]
    public void A_program_step_runs_its_configured_image_with_its_arguments_environment_labels_and_limits()
    {
        var options = new DockerRunnerOptions { Images = { ["feature-creator"] = "pipeline/feature-creator:local" }, WorkingDirectory = "/srv" };
        var spec = new StepSpec
        {
            Program = "feature-creator",
            Args = ["--input", "/data/runs/run-7/chunks", "--note", "two words"],
            Env = new Dictionary<string, string> { ["LEVEL"] = "debug" },
            OutputFolder = "/data/runs/run-7/features",
            UpstreamOutputs = new Dictionary<string, string> { ["chunk-data"] = "/data/runs/run-7/chunk-data" },
            Resources = new StepResources { Cpus = 1.5, MemoryMb = 512 },
        };

        var p = ContainerParameters.For(Launch(spec), options, "/data", "worker-a", "1000:1000");

        Assert.Equal("pipeline/feature-creator:local", p.Image);
        Assert.Equal(["--input", "/data/runs/run-7/chunks", "--note", "two words"], p.Cmd);
        Assert.Contains("LEVEL=debug", p.Env);
        Assert.Contains("PIPELINE_ATTEMPT=2", p.Env);
        Assert.Contains("PIPELINE_OUTPUT=/data/runs/run-7/features", p.Env);
        Assert.Contains("PIPELINE_UPSTREAM_CHUNK_DATA=/data/runs/run-7/chunk-data", p.Env);
        Assert.Equal("run-7", p.Labels[ContainerLabels.Run]);
        Assert.Equal("features", p.Labels[ContainerLabels.Step]);
        Assert.Equal("2", p.Labels[ContainerLabels.Attempt]);
        Assert.Equal("worker-a", p.Labels[ContainerLabels.Worker]);
        Assert.Equal(1_500_000_000, p.HostConfig!.NanoCPUs);
        Assert.Equal(512L * 1024 * 1024, p.HostConfig!.Memory);
        Assert.Equal("none", p.HostConfig!.NetworkMode);
        Assert.Equal("/srv", p.WorkingDir);
        Assert.Equal("1000:1000", p.User);
        Assert.False(p.HostConfig!.AutoRemove);
    }

    [Fact]
    public void Every_container_is_hardened_whatever_the_step_asks_read_only_root_no_privileges_no_capabilities_bounded_processes()
    {
        var options = new DockerRunnerOptions { Images = { ["chunker"] = "pipeline/chunker:local" }, PidsLimit = 300, TmpSizeMb = 32 };
        var spec = new StepSpec { Program = "chunker", OutputFolder = "/data/runs/run-7/features" };

        var host = ContainerParameters.For(Launch(spec), options, "/data", "worker-a", "1000:1000").HostConfig!;

        Assert.True(host.ReadonlyRootfs);
        Assert.False(host.Privileged);
        Assert.Equal(["no-new-privileges"], host.SecurityOpt);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Null(host.CapAdd);
        Assert.Equal(300, host.PidsLimit);
        Assert.Equal("rw,noexec,nosuid,nodev,size=32m", host.Tmpfs!["/tmp"]);
        Assert.Equal("none", host.NetworkMode);
    }

    [Fact]
    public void Steps_run_as_the_server_user_on_host_folders_and_as_the_image_user_on_a_volume_never_as_root()
    {
        var host = new DockerRunnerOptions();
        var volume = new DockerRunnerOptions { DataVolume = "pipeline-data" };

        Assert.Equal("1000:1000", ContainerUser.Resolve(host, "1000:1000", null));
        Assert.False(ContainerUser.NeedsImageUser(host, "1000:1000"));
        Assert.Equal("10001:10001", ContainerUser.Resolve(host, "0:0", null));
        Assert.True(ContainerUser.NeedsImageUser(volume, "1000:1000"));
        Assert.Equal("app", ContainerUser.Resolve(volume, "1000:1000", "app"));
        Assert.Equal("10001:10001", ContainerUser.Resolve(volume, "1000:1000", ""));
        Assert.Equal("10001:10001", ContainerUser.Resolve(volume, "0:0", "root"));
        Assert.Equal("10001:10001", ContainerUser.Resolve(volume, "0:0", "0:1000"));
        Assert.Equal("2000:3000", ContainerUser.Resolve(new DockerRunnerOptions { User = "2000:3000" }, "0:0", null));
        Assert.Equal("5:5", ContainerUser.Resolve(new DockerRunnerOptions { FallbackUser = "5:5" }, "0:0", null));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("0", true)]
    [InlineData("0:0", true)]
    [InlineData("00:10", true)]
    [InlineData("root", true)]
    [InlineData("root:staff", true)]
    [InlineData("1000:0", false)]
    [InlineData("10001:10001", false)]
    [InlineData("app", false)]
    public void Root_is_uid_0_the_name_root_or_no_user(string user, bool root) => Assert.Equal(root, ContainerUser.IsRoot(user));

    [Fact]
    public void A_container_is_never_created_for_root() =>
        Assert.Throws<InvalidOperationException>(() =>
            ContainerParameters.For(Launch(new StepSpec { Image = "alpine:3", OutputFolder = "/data/x" }), new DockerRunnerOptions(), "/data", "w", "0:0"));

    [Fact]
    public void Passed_through_server_variables_are_copied_when_set_and_the_step_env_wins()
    {
        var options = new DockerRunnerOptions { PassEnvironment = ["DB", "TOKEN", "UNSET"] };
        var spec = new StepSpec { Image = "alpine:3", OutputFolder = "/data/x", Env = new Dictionary<string, string> { ["TOKEN"] = "step" } };
        var server = new Dictionary<string, string> { ["DB"] = "Host=db", ["TOKEN"] = "server", ["OTHER"] = "x" };

        var env = ContainerParameters.Environment(Launch(spec), options, name => server.GetValueOrDefault(name));

        Assert.Contains("DB=Host=db", env);
        Assert.Contains("TOKEN=step", env);
        Assert.DoesNotContain(env, e => e.StartsWith("UNSET=", StringComparison.Ordinal) || e.StartsWith("OTHER=", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_using_secrets_get_the_attempt_s_values_and_are_never_put_in_without_them()
    {
        var spec = new StepSpec
        {
            Image = "alpine:3",
            OutputFolder = "/data/x",
            SecretEnv = new Dictionary<string, IReadOnlyList<EnvValuePart>>
            {
                ["DB"] = [new(Text: "Host=db;Password="), new(Secret: "db_password"), new(Text: ";")],
            },
        };
        var launch = new StepLaunch(Key, spec, AttemptLogs.For("/data", Key), Secrets: new SecretValues(new Dictionary<string, string> { ["db_password"] = "pw" }));

        var env = ContainerParameters.Environment(launch, new DockerRunnerOptions(), _ => null);

        Assert.Contains("DB=Host=db;Password=pw;", env);
        Assert.Contains("PIPELINE_OUTPUT=/data/x", env);
        Assert.Throws<KeyNotFoundException>(() => ContainerParameters.Environment(Launch(spec), new DockerRunnerOptions(), _ => null));
    }

    [Fact]
    public void The_data_root_is_mounted_at_its_own_absolute_path_so_rendered_paths_work_unchanged()
    {
        var options = new DockerRunnerOptions { ReadOnlyBinds = ["samples", "/opt/ref"] };

        Assert.Equal(["/srv/.pipeline/data:/srv/.pipeline/data", "/srv/samples:/srv/samples:ro", "/opt/ref:/opt/ref:ro"],
            ContainerParameters.Binds(options, ".pipeline/data", "/srv"));
        options.DataVolume = "pipeline-data";
        Assert.Equal("pipeline-data:/data", ContainerParameters.Binds(options, "/data", "/srv")[0]);
    }

    [Fact]
    public void The_working_directory_is_shared_too_so_relative_paths_mean_what_they_mean_for_a_process()
    {
        var options = new DockerRunnerOptions();

        Assert.Equal(["/var/pipeline:/var/pipeline", "/srv:/srv"], ContainerParameters.Binds(options, "/var/pipeline", "/srv"));
        options.MountWorkingDirectory = false;
        Assert.Equal(["/var/pipeline:/var/pipeline"], ContainerParameters.Binds(options, "/var/pipeline", "/srv"));
        options.MountWorkingDirectory = true;
        options.DataVolume = "pipeline-data";
        Assert.Equal(["pipeline-data:/var/pipeline"], ContainerParameters.Binds(options, "/var/pipeline", "/srv"));
    }

    [Fact]
    public void A_step_without_limits_gets_the_default_ones_and_an_image_step_keeps_its_own_image()
    {
        var spec = new StepSpec { Image = "alpine:3", OutputFolder = "/data/x" };
        var options = new DockerRunnerOptions { DefaultMemoryMb = 300, DefaultCpus = 1.25 };

        var p = ContainerParameters.For(Launch(spec), options, "/data", "w", "1000:1000");

        Assert.Equal("alpine:3", p.Image);
        Assert.Empty(p.Cmd);
        Assert.Equal(1_250_000_000, p.HostConfig!.NanoCPUs);
        Assert.Equal(300L * 1024 * 1024, p.HostConfig!.Memory);
        Assert.Equal(4096L * 1024 * 1024, ContainerParameters.For(Launch(spec), new DockerRunnerOptions(), "/data", "w", "1000:1000").HostConfig!.Memory);
    }

    [Fact]
    public void A_cpu_limit_above_the_engine_s_cpus_is_lowered_to_them()
    {
        var spec = new StepSpec { Image = "alpine:3", OutputFolder = "/data/x", Resources = new StepResources { Cpus = 6 } };

        Assert.Equal(2_000_000_000, ContainerParameters.For(Launch(spec), new DockerRunnerOptions(), "/data", "w", "1000:1000", engineCpus: 2).HostConfig!.NanoCPUs);
        Assert.Equal(6_000_000_000, ContainerParameters.For(Launch(spec), new DockerRunnerOptions(), "/data", "w", "1000:1000").HostConfig!.NanoCPUs);
    }

    [Fact]
    public void Limits_over_the_caps_are_refused_naming_the_setting()
    {
        var options = new DockerRunnerOptions { MaxMemoryMb = 1024, MaxCpus = 2 };
        var spec = new StepSpec { Program = "chunker", OutputFolder = "/data/x", Resources = new StepResources { Cpus = 2.5, MemoryMb = 2048 } };

        var refusals = ContainerParameters.Refusals(spec, options);

        Assert.Equal(
            [
                new StepRefusal("resources.memoryMb", "2048 MB is more than this server gives a step: at most 1024 MB (Runner:Docker:MaxMemoryMb)"),
                new StepRefusal("resources.cpus", "2.5 CPUs is more than this server gives a step: at most 2 (Runner:Docker:MaxCpus)"),
            ],
            refusals);
        Assert.Empty(ContainerParameters.Refusals(spec with { Resources = new StepResources { Cpus = 2, MemoryMb = 1024 } }, options));
    }

    [Fact]
    public void Only_allowed_images_run_and_a_step_programs_image_only_as_its_program()
    {
        var options = new DockerRunnerOptions { Images = { ["chunker"] = "pipeline/chunker:local" } };

        Assert.Empty(ContainerParameters.Refusals(new StepSpec { Program = "chunker", OutputFolder = "o" }, options));
        Assert.Equal(
            new StepRefusal("image", "image 'pipeline/chunker:local' is the step program 'chunker': write \"program\": \"chunker\" instead of naming its image"),
            Assert.Single(ContainerParameters.Refusals(new StepSpec { Image = "pipeline/chunker:local", OutputFolder = "o" }, options)));
        var refusal = Assert.Single(ContainerParameters.Refusals(new StepSpec { Image = "pipeline/chunker:latest", OutputFolder = "o" }, options));
        Assert.Equal(
            new StepRefusal("image", "image 'pipeline/chunker:latest' is not allowed on this server: Runner:Docker:AllowedImages lists the images steps may run "
                + "(none by default: the step programs run as 'program' steps)"),
            refusal);
    }

    [Theory]
    [InlineData("pipeline/*", "pipeline/chunker:local", true)]
    [InlineData("pipeline/*", "pipeline/a/b", false)]
    [InlineData("pipeline/*", "evil/pipeline/x", false)]
    [InlineData("pipeline/*", "pipeline", false)]
    [InlineData("registry.example.com/team/*", "registry.example.com/team/app:1.2", true)]
    [InlineData("registry.example.com/team/*", "registry.example.com/teams/app:1.2", false)]
    [InlineData("busybox", "busybox", true)]
    [InlineData("busybox", "busybox:latest", false)]
    [InlineData("pipeline/chunker:*", "pipeline/chunker:local", true)]
    [InlineData("a.b/*", "aXb/c", false)]
    [InlineData("pipeline/*", "pipeline/chunker:local\n", false)]
    [InlineData("busy*", "busybox\n", false)]
    public void Image_patterns_match_any_characters_but_a_slash_for_a_star(string pattern, string image, bool allowed) =>
        Assert.Equal(allowed, ImageAllowList.Matches(pattern, image));

    [Fact]
    public void The_runner_takes_image_steps_and_programs_with_an_image_but_not_commands()
    {
        var options = new DockerRunnerOptions { Images = { ["chunker"] = "pipeline/chunker:local" } };

        Assert.Equal("x:1", ContainerParameters.ImageFor(new StepSpec { Image = "x:1", OutputFolder = "o" }, options));
        Assert.Equal("pipeline/chunker:local", ContainerParameters.ImageFor(new StepSpec { Program = "chunker", OutputFolder = "o" }, options));
        Assert.Null(ContainerParameters.ImageFor(new StepSpec { Program = "cluster-train", OutputFolder = "o" }, options));
        Assert.Null(ContainerParameters.ImageFor(new StepSpec { Command = "/bin/sh", OutputFolder = "o" }, options));
    }
}
