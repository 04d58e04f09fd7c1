using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.ClusterPredict;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>Runs ClusterPredict in-process, with the connection string in its environment as a container would get it.</summary>
public static class ClusterPredictRun
{
    public static readonly StepDefinition Step = StepDefinition.For<ClusterPredictOptions>("cluster-predict", "test");

    public static Task<int> RunAsync(string? connectionString, params string[] args) =>
        StepRun.RunAsync<ClusterPredictOptions>(Step, ClusterPredictStep.RunAsync,
            connectionString is null ? new Hashtable() : new Hashtable { ["CLUSTER_PREDICT_CONNECTION_STRING"] = connectionString }, args);

    public static JsonObject Metrics(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.ManifestFileName)))!["metrics"]!.AsObject();

    public static JsonObject Error(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.FailureFileName)))!["error"]!.AsObject();
}
