using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class WorkflowDefinitionReaderTests
{
    private const string Minimal = """
        {
          "$schema": "./workflow.schema.json",
          "id": "w",
          "name": "W",
          "steps": [ { "id": "a", "command": "/bin/true", "args": ["${{ run.id }}"] } ]
        }
        """;

    [Fact]
    public void Reads_camel_case_and_ignores_the_schema_reference()
    {
        var result = WorkflowDefinitionReader.ReadAndValidate(Minimal);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var step = Assert.Single(result.Definition!.Steps);
        Assert.Equal("/bin/true", step.Command);
        Assert.Equal(new RetryPolicy(), step.Retry);
        Assert.Equal(1, result.Definition.MaxActiveRuns);
    }

    [Fact]
    public void Absent_properties_take_the_model_defaults()
    {
        var json = Minimal.Replace("\"steps\"", "\"triggers\": [ { \"type\": \"cron\", \"schedule\": \"0 2 * * *\" } ], \"steps\"", StringComparison.Ordinal);

        var definition = WorkflowDefinitionReader.Read(json).Definition!;

        Assert.Empty(definition.Inputs);
        Assert.Equal(CatchUpPolicies.Latest, definition.Triggers[0].CatchUp);
        Assert.Empty(definition.Triggers[0].Inputs);
        Assert.Empty(definition.Steps[0].DependsOn);
        Assert.Empty(definition.Steps[0].Env);
        Assert.Equal(10, definition.Steps[0].Retry.InitialDelaySeconds);
    }

    [Fact]
    public void Written_definitions_read_back()
    {
        var definition = TestDefinitions.Valid();

        var read = WorkflowDefinitionReader.Read(WorkflowDefinitionReader.Write(definition)).Definition!;

        Assert.Equal(WorkflowDefinitionReader.Write(definition), WorkflowDefinitionReader.Write(read));
    }

    [Fact]
    public void A_syntax_error_has_its_line_and_column()
    {
        var problem = Assert.Single(WorkflowDefinitionReader.Read("{\n  \"id\": \"w\",\n  \"name\" \"W\"\n}").Problems);

        Assert.Equal("$", problem.Path);
        Assert.StartsWith("line 3, column 10: ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_error_has_its_path()
    {
        var json = Minimal.Replace("\"command\": \"/bin/true\"", "\"command\": \"/bin/true\", \"timeoutSeconds\": \"ten\"", StringComparison.Ordinal);

        var problem = Assert.Single(WorkflowDefinitionReader.Read(json).Problems);

        Assert.Equal("$.steps[0].timeoutSeconds", problem.Path);
        Assert.StartsWith("line 5, column ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_are_refused()
    {
        var json = Minimal.Replace("\"command\"", "\"dependOn\": [], \"command\"", StringComparison.Ordinal);

        var problem = Assert.Single(WorkflowDefinitionReader.Read(json).Problems);

        Assert.Contains("'dependOn'", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.steps[0]", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_properties_are_refused()
    {
        var problem = Assert.Single(WorkflowDefinitionReader.Read("""{ "id": "w", "steps": [] }""").Problems);

        Assert.Equal("$.name", problem.Path);
        Assert.Equal("'name' is required", problem.Message);
    }

    [Fact]
    public void Missing_required_properties_are_reported_with_every_other_problem_each_once()
    {
        var result = WorkflowDefinitionReader.ReadAndValidate(
            """{ "id": "Bad Id", "steps": [ { "command": "/bin/true" }, { "id": "b", "command": "/bin/true", "dependsOn": ["nope"] } ], "triggers": [ { "schedule": "* * * * *" } ] }""");

        Assert.Equal(
            ["$.id", "$.name", "$.steps[0].id", "$.steps[1].dependsOn[0]", "$.triggers[0].type"],
            result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Null_where_the_model_forbids_it_is_refused()
    {
        var problem = Assert.Single(WorkflowDefinitionReader.Read(Minimal.Replace("\"args\": [\"${{ run.id }}\"]", "\"args\": null", StringComparison.Ordinal)).Problems);

        Assert.Equal("$.steps[0].args", problem.Path);
    }

    [Fact]
    public void A_definition_that_reads_is_then_validated()
    {
        var result = WorkflowDefinitionReader.ReadAndValidate(Minimal.Replace("run.id", "run.day", StringComparison.Ordinal));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Definition);
        Assert.Equal("$.steps[0].args[0]", Assert.Single(result.Problems).Path);
    }
}
