using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Datasets;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// Names with a trailing newline through the real server (issue #20): a workflow <c>abc\n</c> was stored and its
/// create answered 500 (the Location header cannot hold a newline); a dataset <c>x.csv\n</c> was written to disk.
/// </summary>
public sealed class TrailingNewlineApiTests
{
    [Fact]
    public async Task A_workflow_step_or_input_named_with_a_trailing_newline_is_refused_and_nothing_is_stored()
    {
        await using var server = await ApiServer.StartAsync([]);

        var (id, idProblem) = await server.PostAsync("/api/workflows", Workflow("abc\n", [Step("a", "true")]));
        var (step, stepProblem) = await server.PostAsync("/api/workflows", Workflow("abc", [Step("a\n", "true")]));
        var (input, inputProblem) = await server.PostAsync("/api/workflows", Workflow("abc", [Step("a", "true")], inputs: new() { ["word\n"] = "x" }));

        Assert.True(id == 422, $"{id} {idProblem?.ToJsonString()}");
        Assert.Equal(["$.id"], Paths(idProblem));
        Assert.True(step == 422, $"{step} {stepProblem?.ToJsonString()}");
        Assert.Equal(["$.steps[0].id"], Paths(stepProblem));
        Assert.True(input == 422, $"{input} {inputProblem?.ToJsonString()}");
        Assert.Contains("'word\n' is not a valid input name", inputProblem!["problems"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await server.GetJsonAsync("/api/workflows")).AsArray());
    }

    [Fact]
    public async Task A_dataset_named_with_a_trailing_newline_is_refused_and_no_file_is_written()
    {
        await using var server = await ApiServer.StartAsync([]);
        var sample = await File.ReadAllBytesAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Aotizhongxin_201303.csv"));

        var (status, problem) = await DatasetUploads.MultipartAsync(server, sample, "x.csv", new() { ["name"] = "x.csv\n" });

        Assert.True(status == 422, $"{status} {problem?.ToJsonString()}");
        Assert.Contains("is not a dataset name", DatasetUploads.FieldError(problem, "name"), StringComparison.Ordinal);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
        Assert.Empty(DatasetsApiTests.DatasetFiles(server));
    }

    private static List<string> Paths(JsonNode? problem) =>
        [.. problem!["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>())];
}
