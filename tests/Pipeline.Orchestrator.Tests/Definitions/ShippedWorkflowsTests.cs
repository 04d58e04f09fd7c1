using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>Every definition in workflows/ reads, validates, and runs on its defaults.</summary>
public sealed class ShippedWorkflowsTests
{
    private static readonly string Folder = Path.Combine(TestDefinitions.RepoRoot(), "workflows");

    public static TheoryData<string> Files() => [.. FileNames()];

    private static List<string> FileNames() =>
        [.. Directory.GetFiles(Folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_three_sensor_workflows_and_the_features_backfill_are_shipped() =>
        Assert.Equal(["features-backfill.json", "sensor-continuous.json", "sensor-prediction.json", "sensor-training.json"], FileNames());

    [Theory]
    [MemberData(nameof(Files))]
    public void Is_valid_and_named_by_its_id(string file)
    {
        var result = WorkflowDefinitionReader.ReadAndValidate(File.ReadAllText(Path.Combine(Folder, file)));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), result.Definition!.Id);
        Assert.Equal("./workflow.schema.json", result.Definition.Schema);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Runs_on_its_defaults(string file)
    {
        var definition = WorkflowDefinitionReader.Read(File.ReadAllText(Path.Combine(Folder, file))).Definition!;

        Assert.True(InputResolver.Resolve(definition, new Dictionary<string, string>()).Succeeded);
        Assert.All(definition.Steps, s => Assert.NotNull(s.Program));
        Assert.All(definition.Steps, s => Assert.True(s.Retry.Retries > 0 && s.TimeoutSeconds > 0));
    }

    [Fact]
    public void The_default_source_is_the_bundled_sample()
    {
        var definition = WorkflowDefinitionReader.Read(File.ReadAllText(Path.Combine(Folder, "sensor-training.json"))).Definition!;

        Assert.True(Directory.Exists(Path.Combine(TestDefinitions.RepoRoot(), definition.Inputs["source"].Default!)));
    }
}
