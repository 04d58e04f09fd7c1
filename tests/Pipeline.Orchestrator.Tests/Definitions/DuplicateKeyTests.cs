using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>
/// A key given twice in a definition (issue #20) threw from JsonNode, a 500 from every definition endpoint. It is a
/// problem at the key's path, with its line, and nothing else of the definition is read.
/// </summary>
public sealed class DuplicateKeyTests
{
    [Theory]
    [InlineData("""{"id": "w", "id": "v", "name": "W", "steps": [{"id": "a", "command": "/bin/true"}]}""", "$.id", "id")]
    [InlineData("""{"id": "w", "name": "W", "steps": [{"id": "a", "command": "/bin/true", "id": "b"}]}""", "$.steps[0].id", "id")]
    [InlineData("""{"id": "w", "name": "W", "inputs": {"day": {}, "day": {"default": "x"}}, "steps": [{"id": "a", "command": "/bin/true"}]}""", "$.inputs.day", "day")]
    [InlineData("""{"id": "w", "name": "W", "steps": [{"id": "a", "command": "/bin/true", "env": {"MODE": "a", "MODE": "b"}}]}""", "$.steps[0].env.MODE", "MODE")]
    [InlineData("""{"id": "w", "name": "W", "steps": [{"id": "a", "command": "/bin/true"}], "triggers": [{"type": "cron", "schedule": "0 * * * *", "type": "http"}]}""", "$.triggers[0].type", "type")]
    [InlineData("""{"id": "w", "name": "W", "inputs": {"a b": {}, "a b": {}}, "steps": [{"id": "a", "command": "/bin/true"}]}""", "$.inputs['a b']", "a b")]
    public void A_key_given_twice_is_a_problem_at_its_path(string json, string path, string key)
    {
        var read = WorkflowDefinitionReader.ReadAndValidate(json);

        Assert.Null(read.Definition);
        var problem = Assert.Single(read.Problems);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith("line 1, column ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"'{key}' is given more than once", problem.Message, StringComparison.Ordinal);
    }
}
