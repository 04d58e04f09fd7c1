namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class TemplateValidationTests
{
    [Fact]
    public void Inputs_must_be_declared() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Args = ["--input", "${{ inputs.sorce }}"] }),
            "$.steps[0].args[1]",
            "inputs.sorce: no input 'sorce' is declared");

    [Fact]
    public void Step_outputs_must_be_upstream() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Args = ["${{ steps.train.output }}"] }),
            "$.steps[0].args[0]",
            "steps.train.output: 'train' is not upstream of 'chunk'");

    [Fact]
    public void Transitive_upstream_outputs_are_allowed() =>
        Assert.Empty(Pipeline.Orchestrator.Definitions.Validation.WorkflowValidator.Validate(
            TestDefinitions.Valid().WithStep(2, s => s with { Args = ["${{ steps.chunk.output }}", "${{ steps.features.output }}"] })));

    [Fact]
    public void Asset_folders_may_be_named_in_args_and_env() =>
        Assert.Empty(Pipeline.Orchestrator.Definitions.Validation.WorkflowValidator.Validate(
            TestDefinitions.Valid().WithStep(0, s => s with { Args = ["--assets", "${{ assets.readings }}"], Env = new Dictionary<string, string> { ["OUT"] = "${{ assets.features-v2 }}" } })));

    [Fact]
    public void Asset_names_must_be_safe_identifiers_of_at_most_64_characters() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Args = ["${{ assets." + new string('a', 65) + " }}"] }),
            "$.steps[0].args[0]",
            "assets." + new string('a', 65) + ": '" + new string('a', 65) + "' is not an asset name (1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit)");

    [Fact]
    public void Step_outputs_must_name_a_step() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(2, s => s with { Args = ["${{ steps.report.output }}"] }),
            "$.steps[2].args[0]",
            "steps.report.output: there is no step 'report'");

    [Fact]
    public void Environment_values_are_templates_too() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Env = new Dictionary<string, string> { ["DAY"] = "${{ run.day }}" } }),
            "$.steps[1].env.DAY",
            "run.day: unknown expression; expected inputs.<name>, run.id, run.workflowId, run.logicalDate, run.logicalTime, dataRoot, step.output, steps.<id>.output, assets.<name>, partition.key or secrets.<NAME>");

    [Fact]
    public void Unclosed_templates_are_reported() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Args = ["--input", "${{ steps.chunk.output }"] }),
            "$.steps[1].args[1]",
            "${{ steps.chunk.output }: '${{' is not closed by '}}'");
}
