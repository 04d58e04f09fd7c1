using System.Collections;
using System.Text.Json.Nodes;
using Pipeline.Steps.Chunker;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>Runs the Chunker in-process, and reads what it published.</summary>
public static class ChunkerRun
{
    public static readonly StepDefinition Step = StepDefinition.For<ChunkerOptions>("chunker", "test");

    public static Task<int> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Hashtable(), args);

    public static Task<int> RunWithEnvironmentAsync(IDictionary environment, params string[] args) =>
        StepRun.RunAsync<ChunkerOptions>(Step, ChunkerStep.RunAsync, environment, args);

    public static JsonObject Manifest(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.ManifestFileName)))!.AsObject();

    public static JsonObject Metrics(string output) => Manifest(output)["metrics"]!.AsObject();

    public static JsonObject Failure(string output) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(output, StepOutput.FailureFileName)))!.AsObject();

    public static string[] QuarantineLines(string output) =>
        File.ReadAllLines(Path.Combine(output, "_quarantine.csv"));

    /// <summary>Asserts rowsRead = rowsWritten + rowsQuarantined + rowsDuplicate.</summary>
    public static void AssertBalanced(JsonObject metrics)
    {
        var read = metrics["rowsRead"]!.GetValue<long>();
        var sum = metrics["rowsWritten"]!.GetValue<long>() + metrics["rowsQuarantined"]!.GetValue<long>() + metrics["rowsDuplicate"]!.GetValue<long>();
        Assert.Equal(read, sum);
    }
}
