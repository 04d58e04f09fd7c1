using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.FeatureCreator;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>Runs the FeatureCreator in-process through the step host, with an empty environment and a fixed clock.</summary>
public static class FeatureCreatorRun
{
    public static readonly StepDefinition Step = StepDefinition.For<FeatureCreatorOptions>("feature-creator", "test");

    public static Task<int> RunAsync(params string[] args) =>
        StepRun.RunAsync<FeatureCreatorOptions>(Step, FeatureCreatorStep.RunAsync, new Hashtable(), args);

    public static JsonNode ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!;
}
