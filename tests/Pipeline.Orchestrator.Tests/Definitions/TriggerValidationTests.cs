using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class TriggerValidationTests
{
    // The valid definition's 'day' input has no default, so its cron triggers must give it.
    private static TriggerDefinition Cron(string? schedule = "0 2 * * *") =>
        new() { Type = TriggerTypes.Cron, Schedule = schedule, Inputs = new Dictionary<string, string> { ["day"] = "2024-01-01" } };

    [Fact]
    public void A_cron_trigger_must_give_every_input_without_a_default() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron() with { Inputs = new Dictionary<string, string>() }),
            "$.triggers[0].inputs",
            "input 'day' has no default, so a cron trigger must give it");

    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/30 0 2 * * MON-FRI")]
    [InlineData("@daily")]
    public void Cron_accepts_five_or_six_fields(string schedule) =>
        Assert.Empty(WorkflowValidator.Validate(TestDefinitions.Valid().WithTrigger(Cron(schedule))));

    [Fact]
    public void Trigger_type_must_be_known() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(new TriggerDefinition { Type = "webhook" }),
            "$.triggers[0].type",
            "unknown trigger type 'webhook'; expected one of cron, http, dataset, materialize, manual");

    [Fact]
    public void A_dataset_trigger_sets_a_declared_path_input()
    {
        var withPath = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput>(TestDefinitions.Valid().Inputs) { ["file"] = new() { Type = InputTypes.Path } },
        };
        Assert.Empty(WorkflowValidator.Validate(withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", Pattern = "beijing-*.csv", Inputs = new Dictionary<string, string> { ["day"] = "2024-01-01" } })));
        ProblemAssert.Only(withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset }), "$.triggers[0].input", "a dataset trigger needs the name of the path input that receives the dataset's file");
        ProblemAssert.Only(withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "nope" }), "$.triggers[0].input", "the workflow declares no input 'nope'");
        ProblemAssert.Only(withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "day" }), "$.triggers[0].input", "input 'day' is of type date; a dataset trigger sets a path input");
        ProblemAssert.Only(
            withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", Inputs = new Dictionary<string, string> { ["file"] = "x.csv" } }),
            "$.triggers[0].inputs.file",
            "input 'file' is set to the dataset's file; the trigger cannot also give it a value");
        ProblemAssert.Only(
            withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", Pattern = "a/b*.csv" }),
            "$.triggers[0].pattern",
            "a dataset name pattern is 1 to 200 characters without '/' (* matches any characters, ? one)");
        ProblemAssert.Only(withPath.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Manual, Input = "file" }), "$.triggers[0].input", "'input' applies to dataset triggers only, not manual");
        var withZone = withPath with { Inputs = new Dictionary<string, WorkflowInput>(withPath.Inputs) { ["zone"] = new() { Default = "UTC" } } };
        Assert.Empty(WorkflowValidator.Validate(withZone.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", TimeZoneInput = "zone" })));
        ProblemAssert.Only(
            withZone.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", TimeZoneInput = "day" }),
            "$.triggers[0].timeZoneInput",
            "input 'day' is of type date; a time zone is a string input");
        ProblemAssert.Only(
            withZone.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Dataset, Input = "file", TimeZoneInput = "tz" }),
            "$.triggers[0].timeZoneInput",
            "the workflow declares no input 'tz'");
    }

    [Fact]
    public void Cron_needs_a_schedule() =>
        ProblemAssert.Only(TestDefinitions.Valid().WithTrigger(Cron(null)), "$.triggers[0].schedule", "a cron trigger needs a schedule");

    [Fact]
    public void Cron_schedule_has_five_or_six_fields() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron("0 2 * *")),
            "$.triggers[0].schedule",
            "'0 2 * *' has 4 fields; expected 5 (minute hour day month weekday) or 6 (with seconds first)");

    [Fact]
    public void Cron_schedule_must_parse()
    {
        var problem = Assert.Single(WorkflowValidator.Validate(
            TestDefinitions.Valid().WithTrigger(Cron("0 25 * * *"))));
        Assert.Equal("$.triggers[0].schedule", problem.Path);
        Assert.StartsWith("'0 25 * * *' is not a valid cron expression: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_zone_must_be_known() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron() with { TimeZone = "Mars/Olympus" }),
            "$.triggers[0].timeZone",
            "unknown time zone 'Mars/Olympus'; expected an IANA id such as Europe/Berlin or UTC");

    [Fact]
    public void Time_zone_accepts_iana_ids() =>
        Assert.Empty(WorkflowValidator.Validate(
            TestDefinitions.Valid().WithTrigger(Cron() with { TimeZone = "Asia/Shanghai" })));

    [Fact]
    public void Catch_up_must_be_known() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron() with { CatchUp = "first" }),
            "$.triggers[0].catchUp",
            "unknown catch-up policy 'first'; expected one of none, latest, all");

    [Fact]
    public void Http_needs_a_path() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(new TriggerDefinition { Type = TriggerTypes.Http }),
            "$.triggers[0].path",
            "an http trigger needs a path");

    [Fact]
    public void Http_path_must_be_well_formed() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(new TriggerDefinition { Type = TriggerTypes.Http, Path = "/Train//now" }),
            "$.triggers[0].path",
            "'/Train//now' is not a valid hook path: segments of lower-case letters, digits and dashes separated by single '/', no leading or trailing '/'");

    [Fact]
    public void Http_paths_are_unique() =>
        ProblemAssert.Only(
            TestDefinitions.Valid()
                .WithTrigger(new TriggerDefinition { Type = TriggerTypes.Http, Path = "sensors/train" })
                .WithTrigger(new TriggerDefinition { Type = TriggerTypes.Http, Path = "sensors/train" }),
            "$.triggers[1].path",
            "the path 'sensors/train' is already used by triggers[0]");

    [Fact]
    public void Cron_settings_do_not_belong_to_other_triggers() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(new TriggerDefinition { Type = TriggerTypes.Manual, Schedule = "0 2 * * *" }),
            "$.triggers[0].schedule",
            "'schedule' applies to cron triggers only, not manual");

    [Fact]
    public void Trigger_inputs_must_be_declared() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron() with { Inputs = new Dictionary<string, string> { ["day"] = "2024-01-01", ["sauce"] = "x" } }),
            "$.triggers[0].inputs.sauce",
            "the workflow declares no input 'sauce'");

    [Fact]
    public void Trigger_inputs_must_be_of_their_type() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(Cron() with { Inputs = new Dictionary<string, string> { ["day"] = "yesterday" } }),
            "$.triggers[0].inputs.day",
            "'yesterday' is not a date (yyyy-MM-dd)");
}
