using Pipeline.Orchestrator.Engine.Launching;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>A program step must give the options its program requires: in its arguments, its environment or a --config file.</summary>
public sealed class RequiredOptionCheckTests
{
    private static readonly ProgramRequiredOptions Predict = new(
        [new("--input", "CLUSTER_PREDICT_INPUT"), new("--output", "CLUSTER_PREDICT_OUTPUT"), new("--registry", "CLUSTER_PREDICT_REGISTRY")],
        "CLUSTER_PREDICT_CONFIG");

    private static readonly Dictionary<string, string> NoEnv = [];

    private static List<(string Path, string Message)> Check(string[] args, Dictionary<string, string>? env = null) =>
        [.. RequiredOptionCheck.Problems(3, "cluster-predict", Predict, args, env ?? NoEnv).Select(p => (p.Path, p.Message))];

    [Fact]
    public void A_required_option_left_out_is_a_problem_of_the_steps_arguments() =>
        Assert.Equal(
            [("$.steps[3].args", "--registry is required: cluster-predict cannot start without it (add --registry and its value to the arguments, or set CLUSTER_PREDICT_REGISTRY in the environment)")],
            Check(["--input", "${{ steps.features.output }}", "--output", "${{ step.output }}"]));

    [Fact]
    public void An_option_is_given_as_two_arguments_with_an_equals_sign_or_by_its_variable()
    {
        Assert.Empty(Check(["--input", "x", "--output", "${{ step.output }}", "--registry", "${{ inputs.registry }}"]));
        Assert.Empty(Check(["--input=x", "--output=y", "--registry=models"]));
        Assert.Empty(Check(["--input", "x", "--output", "y"], new() { ["CLUSTER_PREDICT_REGISTRY"] = "models" }));
    }

    [Fact]
    public void An_empty_variable_gives_nothing() =>
        Assert.Single(Check(["--input", "x", "--output", "y"], new() { ["CLUSTER_PREDICT_REGISTRY"] = "" }));

    [Fact]
    public void A_config_file_may_give_every_option_so_the_program_checks_it()
    {
        Assert.Empty(Check(["--config", "steps/predict.json"]));
        Assert.Empty(Check(["--config=steps/predict.json"]));
        Assert.Empty(Check([], new() { ["CLUSTER_PREDICT_CONFIG"] = "steps/predict.json" }));
    }

    [Fact]
    public void A_required_flag_without_its_value_is_a_problem_of_that_argument() =>
        Assert.Equal(
            [("$.steps[3].args[0]", "--input is required and needs a value after '='"),
             ("$.steps[3].args[4]", "--registry is required and needs a value: add the value as the next argument")],
            Check(["--input=", "--output", "y", "x", "--registry"]));

    [Fact]
    public void A_flag_that_only_starts_like_a_required_one_does_not_give_it() =>
        Assert.Single(Check(["--input", "x", "--output", "y", "--registry-name", "models"]));
}
