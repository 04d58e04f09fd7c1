using Pipeline.Orchestrator.Datasets;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>
/// In .NET, <c>$</c> also matches before a final newline, so <c>^[a-z]+$</c> took <c>abc\n</c> (issue #20): such a
/// workflow id was stored, a step's output folder was named <c>a\n</c>. Every name pattern ends with <c>\z</c> now.
/// </summary>
public sealed class TrailingNewlineTests
{
    [Fact]
    public void A_workflow_id_with_a_trailing_newline_is_refused() =>
        ProblemAssert.Only(TestDefinitions.Valid() with { Id = "abc\n" }, "$.id",
            "'abc\n' is not a valid id: 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash");

    [Fact]
    public void A_step_id_with_a_trailing_newline_is_refused()
    {
        var problems = WorkflowValidator.Validate(TestDefinitions.Valid().WithStep(2, s => s with { Id = "train\n" }));

        Assert.Contains(problems, p => p.Path == "$.steps[2].id" && p.Message.StartsWith("'train\n' is not a valid step id", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_name_with_a_trailing_newline_is_refused()
    {
        var definition = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput> { ["source"] = new() { Default = "x" }, ["day"] = new(), ["extra\n"] = new() },
        };

        Assert.Contains(WorkflowValidator.Validate(definition), p => p.Message == "'extra\n' is not a valid input name: a letter, then letters, digits, '_' or '-'");
    }

    [Fact]
    public void An_environment_name_and_a_hook_path_with_a_trailing_newline_are_refused()
    {
        var definition = TestDefinitions.Valid()
            .WithStep(0, s => s with { Env = new Dictionary<string, string> { ["MODE\n"] = "x" } })
            .WithTrigger(new TriggerDefinition { Type = TriggerTypes.Http, Path = "ingest/daily\n" });

        var paths = WorkflowValidator.Validate(definition).Select(p => p.Path).ToList();

        Assert.Contains("$.triggers[0].path", paths);
        Assert.Contains(paths, p => p.StartsWith("$.steps[0].env", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("x.csv\n")]
    [InlineData("x.csv\r\n")]
    public void Dataset_and_secret_names_with_a_trailing_newline_are_refused(string name)
    {
        Assert.False(DatasetNames.IsValid(name));
        Assert.False(SecretNames.IsValid("TOKEN\n"));
        Assert.True(DatasetNames.IsValid("x.csv"));
    }
}
