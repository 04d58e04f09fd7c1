using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.Contract;
using Pipeline.Steps.FeatureCreator;

using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>Runs the FeatureCreator in-process through the step host, with an empty environment and a fixed clock.</summary>
public static class FeatureCreatorRun
{
    public static readonly StepDefinition Step = StepDefinition.For<FeatureCreatorOptions>("feature-creator", "test");

    public static Task<int> RunAsync(params string[] args) =>
        StepHost.RunAsync<FeatureCreatorOptions>(
            Step, args, new Hashtable(), new FixedClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)), FeatureCreatorStep.RunAsync);

    public static JsonNode ReadJson(string path) => JsonNode.Parse(File.ReadAllText(path))!;
}
