using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>A step is checked against the settings of the runner that will run it: Runner:Default and its own runner decide which.</summary>
public sealed class ExecutionPolicyTests : IDisposable
{
    private readonly DockerStepRunner _docker = new(
        new DockerRunnerOptions { Images = { ["chunker"] = "pipeline/chunker:local" }, MaxMemoryMb = 1024 },
        new EngineOptions(),
        NullLogger<DockerStepRunner>.Instance);

    private readonly ProcessStepRunner _process;

    public ExecutionPolicyTests()
    {
        var options = new ProcessRunnerOptions { AllowedCommands = ["/bin/true"] };
        _process = new ProcessStepRunner(options, new StepProgramCatalog(options), NullLogger<ProcessStepRunner>.Instance);
    }

    private static WorkflowDefinition With(StepDefinition step) => new() { Id = "w", Name = "W", Steps = [step] };

    private static readonly StepDefinition BigChunker = new() { Id = "chunk", Program = "chunker", Resources = new StepResources { MemoryMb = 4096 } };

    [Fact]
    public void A_program_step_over_the_container_cap_is_refused_only_where_it_would_run_in_a_container()
    {
        var dockerFirst = new ExecutionPolicy([_docker, _process]);
        var processFirst = new ExecutionPolicy([_process, _docker]);

        Assert.Equal(["$.steps[0].resources.memoryMb"], dockerFirst.Check(With(BigChunker)).Select(p => p.Path));
        Assert.Empty(processFirst.Check(With(BigChunker)));
        Assert.Equal(["$.steps[0].resources.memoryMb"], processFirst.Check(With(BigChunker with { Runner = StepRunners.Docker })).Select(p => p.Path));
    }

    [Fact]
    public void A_command_goes_to_the_process_runner_whatever_the_default_and_an_image_to_docker()
    {
        foreach (var policy in new[] { new ExecutionPolicy([_docker, _process]), new ExecutionPolicy([_process, _docker]) })
        {
            Assert.Empty(policy.Check(With(new StepDefinition { Id = "a", Command = "/bin/true" })));
            Assert.Equal(["$.steps[0].command"], policy.Check(With(new StepDefinition { Id = "a", Command = "/bin/false" })).Select(p => p.Path));
            Assert.Equal(["$.steps[0].image"], policy.Check(With(new StepDefinition { Id = "a", Image = "busybox" })).Select(p => p.Path));
            // A step program's own image is a program step, never an image step (its options and variables are checked as the program's).
            Assert.Equal(["$.steps[0].image"], policy.Check(With(new StepDefinition { Id = "a", Image = "pipeline/chunker:local" })).Select(p => p.Path));
            Assert.Empty(policy.Check(With(new StepDefinition { Id = "a", Program = "chunker" })));
        }
    }

    [Fact]
    public void A_step_no_runner_can_run_is_left_to_fail_at_its_attempt_saying_so() =>
        Assert.Empty(new ExecutionPolicy([_process]).Check(With(new StepDefinition { Id = "a", Image = "busybox" })));

    public void Dispose() => _docker.Dispose();
}
