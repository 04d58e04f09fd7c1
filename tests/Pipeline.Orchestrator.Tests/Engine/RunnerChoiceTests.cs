using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Hosting;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// Which runner takes a step, with the runners exactly as the server registers them from its configuration:
/// the step's own <c>runner</c> first, then <c>Runner:Default</c>, then the other as a fallback.
/// </summary>
public sealed class RunnerChoiceTests
{
    private static readonly StepSpec Chunker = new() { Program = "chunker", OutputFolder = "/data/runs/r/chunk" };
    private static readonly StepSpec Busybox = new() { Image = "busybox", OutputFolder = "/data/runs/r/b" };
    private static readonly StepSpec Shell = new() { Command = "/bin/sh", OutputFolder = "/data/runs/r/s" };

    [Fact]
    public void A_program_runs_as_a_process_by_default_even_when_it_has_an_image()
    {
        var runners = Runners(("Runner:Docker:Images:chunker", "pipeline/chunker:local"));

        Assert.Equal("process", RunnerChoice.For(Chunker, runners).Runner?.Name);
    }

    [Fact]
    public void The_step_overrides_the_server_default()
    {
        var runners = Runners(("Runner:Docker:Images:chunker", "pipeline/chunker:local"));

        Assert.Equal("docker", RunnerChoice.For(Chunker with { Runner = "docker" }, runners).Runner?.Name);
    }

    [Fact]
    public void With_docker_as_default_programs_with_an_image_go_to_docker_and_commands_stay_local()
    {
        var runners = Runners(("Runner:Default", "docker"), ("Runner:Docker:Images:chunker", "pipeline/chunker:local"));

        Assert.Equal("docker", RunnerChoice.For(Chunker, runners).Runner?.Name);
        Assert.Equal("process", RunnerChoice.For(Shell, runners).Runner?.Name);
        Assert.Equal("process", RunnerChoice.For(Chunker with { Runner = "process" }, runners).Runner?.Name);
    }

    [Fact]
    public void Image_steps_go_to_docker_whatever_the_default()
    {
        Assert.Equal("docker", RunnerChoice.For(Busybox, Runners()).Runner?.Name);
    }

    [Fact]
    public void A_program_asked_into_docker_without_an_image_is_refused_with_the_setting_to_add()
    {
        var (runner, refusal) = RunnerChoice.For(Chunker with { Runner = "docker" }, Runners());

        Assert.Null(runner);
        Assert.Equal("runner 'docker' has no way to run program 'chunker' (for docker: configure its image, Runner:Docker:Images:chunker)", refusal);
    }

    [Fact]
    public void An_unknown_default_stops_the_server_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Runners(("Runner:Default", "podman")));

        Assert.Equal("configuration: Runner:Default must be one of process, docker, not 'podman'", error.Message);
    }

    private static IStepRunner[] Runners(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(new EngineOptions { DataRoot = Path.GetTempPath() })
            .AddSingleton(new ProcessRunnerOptions())
            .AddSingleton<StepProgramCatalog>()
            .AddStepRunners(configuration)
            .BuildServiceProvider();
        return [.. services.GetServices<IStepRunner>()];
    }
}
