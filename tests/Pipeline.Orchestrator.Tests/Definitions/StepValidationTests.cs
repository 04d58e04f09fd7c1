using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class StepValidationTests
{
    [Fact]
    public void Step_id_must_be_valid() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(2, s => s with { Id = "Train" }),
            "$.steps[2].id",
            "'Train' is not a valid step id: 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash");

    [Fact]
    public void Step_ids_are_unique() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(2, s => s with { Id = "features", DependsOn = ["chunk"], Args = [] }),
            "$.steps[2].id",
            "duplicate step id 'features' (also steps[1])");

    [Fact]
    public void A_step_runs_something() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null }),
            "$.steps[0]",
            "a step needs exactly one of 'program', 'command' or 'image'; none is given");

    [Fact]
    public void A_step_runs_only_one_thing() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Image = "busybox" }),
            "$.steps[0]",
            "a step needs exactly one of 'program', 'command' or 'image'; both 'program' and 'image' are given");

    [Fact]
    public void Program_must_be_a_step_program() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = "chunk" }),
            "$.steps[0].program",
            "unknown program 'chunk'; expected one of chunker, feature-creator, cluster-train, cluster-predict");

    [Fact]
    public void Command_must_not_be_empty() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null, Command = "" }),
            "$.steps[0].command",
            "'command' must not be empty");

    [Fact]
    public void Runner_must_be_known() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Runner = "kubernetes" }),
            "$.steps[0].runner",
            "unknown runner 'kubernetes'; expected one of process, docker");

    [Fact]
    public void A_command_cannot_ask_for_a_container() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null, Command = "/bin/true", Runner = "docker" }),
            "$.steps[0].runner",
            "a 'command' runs on the server itself; run it in a container by giving its 'image' instead");

    [Fact]
    public void An_image_cannot_ask_for_a_process() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null, Image = "busybox", Runner = "process" }),
            "$.steps[0].runner",
            "an 'image' runs only in a container; use runner 'docker' or leave 'runner' out");

    [Theory]
    [InlineData("process")]
    [InlineData("docker")]
    public void A_program_may_run_on_either_runner(string runner) =>
        Assert.Empty(WorkflowValidator.Validate(TestDefinitions.Valid().WithStep(0, s => s with { Runner = runner })));

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Retries_are_between_0_and_20(int retries) =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Retry = new RetryPolicy { Retries = retries } }),
            "$.steps[0].retry.retries",
            $"must be between 0 and 20, not {retries}");

    [Fact]
    public void Retry_delays_are_positive() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Retry = new RetryPolicy { InitialDelaySeconds = 0 } }),
            "$.steps[0].retry.initialDelaySeconds",
            "must be greater than 0, not 0");

    [Fact]
    public void Backoff_multiplier_is_at_least_one() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Retry = new RetryPolicy { BackoffMultiplier = 0.5 } }),
            "$.steps[0].retry.backoffMultiplier",
            "must be between 1 and 10, not 0.5");

    // "No limit" written as a huge number would overflow the engine's timers when the step runs or fails.
    [Fact]
    public void Delays_and_timeouts_have_upper_bounds()
    {
        var problems = WorkflowValidator.Validate(TestDefinitions.Valid().WithStep(0, s => s with
        {
            TimeoutSeconds = 5_000_000,
            Retry = new RetryPolicy { MaxDelaySeconds = 1e18 },
        }));

        Assert.Equal(
            [("$.steps[0].retry.maxDelaySeconds", "must be at most 86400, not 1E+18"), ("$.steps[0].timeoutSeconds", "must be at most 604800, not 5000000")],
            problems.Select(p => (p.Path, p.Message)).Order());
    }

    [Fact]
    public void Timeout_is_positive() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { TimeoutSeconds = -5 }),
            "$.steps[1].timeoutSeconds",
            "must be greater than 0, not -5");

    [Fact]
    public void Resources_are_positive() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Resources = new StepResources { Cpus = 1, MemoryMb = 0 } }),
            "$.steps[1].resources.memoryMb",
            "must be greater than 0, not 0");

    [Fact]
    public void Environment_names_are_valid() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Env = new Dictionary<string, string> { ["MY-VAR"] = "x" } }),
            "$.steps[1].env.MY-VAR",
            "'MY-VAR' is not a valid environment variable name (letters, digits, '_', not starting with a digit)");

    [Fact]
    public void An_argument_is_never_empty() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Args = ["--input", "", "--output", "${{ step.output }}"] }),
            "$.steps[1].args[1]",
            "an argument must not be empty: give it a value or remove it");

    [Fact]
    public void An_empty_argument_of_a_command_is_refused_too_but_a_blank_one_is_a_value() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(2, s => s with { Program = null, Command = "/usr/bin/tr", Args = [" ", ""] }),
            "$.steps[2].args[1]",
            "an argument must not be empty: give it a value or remove it");
}
