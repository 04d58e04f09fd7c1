using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>A container left running by a dead server is taken over by the step's next attempt, not started again.</summary>
public sealed class ContainerAdoptionDockerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "docker-adopt-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _run = "run-" + Guid.NewGuid().ToString("N")[..8];

    [DockerFact]
    public async Task The_next_attempt_adopts_the_running_container_of_the_lost_one_and_gets_its_exit_and_logs()
    {
        var first = new AttemptKey(_run, "step", 1);
        var spec = new StepSpec { Image = DockerFactAttribute.TestImage, Args = ["sh", "-c", "echo started; sleep 2; echo finished; exit 3"], OutputFolder = Path.Combine(_folder, "out") };
        var options = new DockerRunnerOptions();
        using var client = new DockerClientBuilder().WithEndpoint(options.Endpoint).Build();
        // The dead server's container: created and started as the runner would have, then left alone.
        var created = await client.Containers.CreateContainerAsync(
            ContainerParameters.For(new StepLaunch(first, spec, AttemptLogs.For(_folder, first)), options, _folder, "dead-worker", options.FallbackUser), CancellationToken.None);
        await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), CancellationToken.None);
        var second = first with { Attempt = 2 };
        var launch = new StepLaunch(second, spec, AttemptLogs.For(_folder, second));
        using var runner = new DockerStepRunner(options, new EngineOptions { DataRoot = _folder, WorkerId = "new-worker" }, NullLogger<DockerStepRunner>.Instance);

        var result = await runner.RunAsync(launch, CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["started", "finished"], await File.ReadAllLinesAsync(launch.Logs.StdoutPath));
        var left = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ContainerLabels.Filter(second) }, CancellationToken.None);
        Assert.Empty(left);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
