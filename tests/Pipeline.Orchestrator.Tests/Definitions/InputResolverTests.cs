using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Inputs;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class InputResolverTests
{
    private static readonly WorkflowDefinition Definition = TestDefinitions.Valid() with
    {
        Inputs = new Dictionary<string, WorkflowInput>
        {
            ["source"] = new() { Default = "samples/x" },
            ["day"] = new() { Type = InputTypes.Date },
            ["k"] = new() { Type = InputTypes.WholeNumber, Default = "4" },
            ["share"] = new() { Type = InputTypes.Number, Default = "0.05" },
            ["dryRun"] = new() { Type = InputTypes.Flag, Default = "false" },
        },
    };

    [Fact]
    public void Defaults_fill_what_is_not_given()
    {
        var resolution = InputResolver.Resolve(Definition, new Dictionary<string, string> { ["day"] = "2024-03-01", ["k"] = "6" });

        Assert.True(resolution.Succeeded);
        Assert.Empty(resolution.Problems);
        Assert.Equal(
            new Dictionary<string, string> { ["source"] = "samples/x", ["day"] = "2024-03-01", ["k"] = "6", ["share"] = "0.05", ["dryRun"] = "false" },
            resolution.Values);
    }

    [Fact]
    public void Unknown_inputs_are_refused()
    {
        var resolution = InputResolver.Resolve(Definition, new Dictionary<string, string> { ["day"] = "2024-03-01", ["days"] = "3" });

        Assert.Null(resolution.Values);
        var problem = Assert.Single(resolution.Problems);
        Assert.Equal(new DefinitionProblem("$.inputs.days", "unknown input 'days'; declared: day, dryRun, k, share, source"), problem);
    }

    [Fact]
    public void Required_inputs_must_be_given()
    {
        var problem = Assert.Single(InputResolver.Resolve(Definition, new Dictionary<string, string>()).Problems);
        Assert.Equal(new DefinitionProblem("$.inputs.day", "input 'day' is required (it has no default)"), problem);
    }

    [Fact]
    public void Values_must_be_of_their_type()
    {
        var given = new Dictionary<string, string> { ["day"] = "01.03.2024", ["k"] = "four", ["share"] = "NaN", ["dryRun"] = "1" };

        var problems = InputResolver.Resolve(Definition, given).Problems;

        Assert.Equal(
            [
                new DefinitionProblem("$.inputs.day", "input 'day': '01.03.2024' is not a date (yyyy-MM-dd)"),
                new DefinitionProblem("$.inputs.k", "input 'k': 'four' is not an integer"),
                new DefinitionProblem("$.inputs.share", "input 'share': 'NaN' is not a number"),
                new DefinitionProblem("$.inputs.dryRun", "input 'dryRun': '1' is not a boolean (true or false)"),
            ],
            problems);
    }
}
