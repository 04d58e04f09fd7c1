using System.Collections;
using System.Text.Json.Nodes;
using System.Text.Json;
using Pipeline.Steps.ClusterTrain;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>Runs ClusterTrain in-process and reads what it registered.</summary>
public static class ClusterTrainRun
{
    public static readonly StepDefinition Step = StepDefinition.For<ClusterTrainOptions>("cluster-train", "test");

    public static Task<int> RunAsync(params string[] args) => RunAsync(new Hashtable(), args);

    /// <summary>Runs with the given environment, such as the variables the orchestrator sets.</summary>
    public static Task<int> RunAsync(IDictionary environment, params string[] args) =>
        StepRun.RunAsync<ClusterTrainOptions>(Step, ClusterTrainStep.RunAsync, environment, args);

    public static JsonObject Metrics(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.ManifestFileName)))!["metrics"]!.AsObject();

    public static JsonObject Failure(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.FailureFileName)))!.AsObject();

    public static ModelVersion Registered(string output) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(output, ClusterTrainStep.OutputFileName)), RegistryJsonContext.Default.ModelVersion)!;
}
