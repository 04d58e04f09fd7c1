using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>A valid definition (chunk -> features -> train) that tests change one thing of.</summary>
internal static class TestDefinitions
{
    public static WorkflowDefinition Valid() => new()
    {
        Id = "sensor-training",
        Name = "Sensor training",
        Inputs = new Dictionary<string, WorkflowInput>
        {
            ["source"] = new() { Default = "samples/x" },
            ["day"] = new() { Type = InputTypes.Date },
        },
        Steps =
        [
            Step("chunk", [], "--input", "${{ inputs.source }}", "--output", "${{ step.output }}"),
            Step("features", ["chunk"], "--input", "${{ steps.chunk.output }}"),
            Step("train", ["features"], "--input", "${{ steps.features.output }}", "--day", "${{ inputs.day }}"),
        ],
    };

    public static StepDefinition Step(string id, string[] dependsOn, params string[] args) =>
        new() { Id = id, Program = StepPrograms.Chunker, DependsOn = dependsOn, Args = args };

    public static WorkflowDefinition WithStep(this WorkflowDefinition definition, int index, Func<StepDefinition, StepDefinition> change)
    {
        var steps = definition.Steps.ToList();
        steps[index] = change(steps[index]);
        return definition with { Steps = steps };
    }

    public static WorkflowDefinition WithTrigger(this WorkflowDefinition definition, TriggerDefinition trigger) =>
        definition with { Triggers = [.. definition.Triggers, trigger] };

    /// <summary>The repository root: the folder holding Pipeline.sln, above the test's working directory.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
