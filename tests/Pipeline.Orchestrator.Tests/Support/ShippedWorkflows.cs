using System.Text.Json.Nodes;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>A definition from the repository's <c>workflows/</c>, ready to publish from a test server's folder.</summary>
public static class ShippedWorkflows
{
    public static JsonObject Read(string id)
    {
        var workflow = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "workflows", $"{id}.json")))!.AsObject();
        // The schema reference is relative to workflows/; the test's folder has no schema beside it.
        workflow.Remove("$schema");
        return workflow;
    }
}
