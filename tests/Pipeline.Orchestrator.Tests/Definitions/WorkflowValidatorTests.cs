using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class WorkflowValidatorTests
{
    [Fact]
    public void A_valid_definition_has_no_problems() => Assert.Empty(WorkflowValidator.Validate(TestDefinitions.Valid()));

    [Theory]
    [InlineData("Sensor")]
    [InlineData("-sensor")]
    [InlineData("sensor_training")]
    [InlineData("")]
    public void Id_must_be_lower_case_letters_digits_and_dashes(string id) =>
        ProblemAssert.Only(TestDefinitions.Valid() with { Id = id }, "$.id",
            $"'{id}' is not a valid id: 1 to 64 lower-case letters, digits and dashes, not starting or ending with a dash");

    [Fact]
    public void Id_is_at_most_64_characters()
    {
        Assert.Empty(WorkflowValidator.Validate(TestDefinitions.Valid() with { Id = new string('a', 64) }));
        Assert.Single(WorkflowValidator.Validate(TestDefinitions.Valid() with { Id = new string('a', 65) }));
    }

    [Fact]
    public void Name_must_not_be_empty() =>
        ProblemAssert.Only(TestDefinitions.Valid() with { Name = " " }, "$.name", "the name must not be empty");

    [Fact]
    public void A_workflow_needs_a_step() =>
        ProblemAssert.Only(TestDefinitions.Valid() with { Steps = [] }, "$.steps", "a workflow needs at least one step");

    [Fact]
    public void Max_active_runs_is_at_least_one() =>
        ProblemAssert.Only(TestDefinitions.Valid() with { MaxActiveRuns = 0 }, "$.maxActiveRuns", "must be at least 1, not 0");

    [Fact]
    public void Input_type_must_be_known()
    {
        var definition = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput> { ["source"] = new(), ["day"] = new() { Type = "datetime" } },
        };
        ProblemAssert.Only(definition, "$.inputs.day.type", "unknown input type 'datetime'; expected one of string, integer, number, boolean, date, path");
    }

    [Theory]
    [InlineData("integer", "1.5", "the default '1.5' is not an integer")]
    [InlineData("number", "abc", "the default 'abc' is not a number")]
    [InlineData("boolean", "yes", "the default 'yes' is not a boolean (true or false)")]
    [InlineData("date", "2024-02-30", "the default '2024-02-30' is not a date (yyyy-MM-dd)")]
    public void Input_default_must_be_of_its_type(string type, string value, string message)
    {
        var definition = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput> { ["source"] = new(), ["day"] = new() { Type = type, Default = value } },
        };
        ProblemAssert.Only(definition, "$.inputs.day.default", message);
    }

    [Fact]
    public void Input_name_must_be_referable_from_templates()
    {
        var inputs = new Dictionary<string, WorkflowInput>(TestDefinitions.Valid().Inputs) { ["1st"] = new() };
        ProblemAssert.Only(TestDefinitions.Valid() with { Inputs = inputs }, "$.inputs['1st']",
            "'1st' is not a valid input name: a letter, then letters, digits, '_' or '-'");
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var definition = TestDefinitions.Valid() with { Id = "Bad Id", Name = "", MaxActiveRuns = 0 };
        definition = definition
            .WithStep(0, s => s with { Program = null, Command = "/bin/true", Image = "busybox" })
            .WithStep(1, s => s with { DependsOn = ["chunk", "nope", "features"] })
            .WithStep(2, s => s with { Retry = new RetryPolicy { Retries = 21 }, Args = ["${{ inputs.missing }}"] })
            .WithTrigger(new TriggerDefinition { Type = TriggerTypes.Cron, Schedule = "not cron", Inputs = new Dictionary<string, string> { ["day"] = "2024-01-01" } });

        var problems = WorkflowValidator.Validate(definition).Select(p => p.Path).ToList();

        Assert.Equal(
            [
                "$.id", "$.name", "$.triggers[0].schedule", "$.steps[0]", "$.steps[2].retry.retries",
                "$.steps[1].dependsOn[1]", "$.steps[1].dependsOn[2]", "$.steps[2].args[0]", "$.maxActiveRuns",
            ],
            problems);
    }
}
