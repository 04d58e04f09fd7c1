using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A step program's required option left out (<c>--registry</c> of cluster-predict, as its own <c>--describe</c>
/// says) and an empty argument are refused by validate, create, update and publish, each with the path of the step
/// and field, instead of failing at the step's attempt with exit code 64.
/// </summary>
public sealed class RequiredOptionsApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    private static JsonObject Predict(params string[] args) =>
        new() { ["id"] = "predict", ["program"] = "cluster-predict", ["args"] = new JsonArray([.. args.Select(a => (JsonNode)a!)]) };

    [Fact]
    public async Task Validate_lists_a_missing_required_option_and_an_empty_argument_with_their_paths()
    {
        var flow = Workflow("predict-broken", [Predict("--input", "", "--output", "${{ step.output }}")]);

        var (status, body) = await Server.PostAsync("/api/workflows/validate", flow);

        Assert.Equal(200, status);
        var problems = body!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["message"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [
                ("$.steps[0].args[1]", "an argument must not be empty: give it a value or remove it"),
                ("$.steps[0].args", "--registry is required: cluster-predict cannot start without it (add --registry and its value to the arguments, or set CLUSTER_PREDICT_REGISTRY in the environment)"),
            ],
            problems);
    }

    [Fact]
    public async Task Publishing_a_step_without_a_required_option_is_refused_whichever_way_it_is_asked()
    {
        var broken = Workflow("predict-no-registry", [Predict("--input", "features", "--output", "${{ step.output }}")]);

        var (created, createdBody) = await Server.PostAsync("/api/workflows?publish=true", broken);
        Assert.True(created == 422, createdBody?.ToJsonString());
        var problem = Assert.Single(createdBody!["problems"]!.AsArray())!;
        Assert.Equal("$.steps[0].args", problem["path"]!.GetValue<string>());
        Assert.StartsWith("--registry is required", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Fixed, saved as a draft; then broken again: neither the draft nor a publish of it takes the broken one.
        var fixedFlow = Workflow("predict-no-registry", [Predict("--input", "features", "--output", "${{ step.output }}", "--registry", "models")]);
        Assert.Equal(201, (await Server.PostAsync("/api/workflows", fixedFlow)).Status);
        var (updated, _) = await Server.SendAsync(HttpMethod.Put, "/api/workflows/predict-no-registry?publish=true", broken);
        Assert.Equal(422, updated);
        var (published, publishedBody) = await Server.PostAsync("/api/workflows/predict-no-registry/publish");
        Assert.True(published == 200, publishedBody?.ToJsonString());
        var definition = (await Server.GetJsonAsync("/api/workflows/predict-no-registry"))["definition"]!;
        Assert.Contains("--registry", definition["steps"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task A_required_option_given_by_its_variable_or_a_config_file_passes()
    {
        var byVariable = Predict("--input", "features", "--output", "${{ step.output }}");
        byVariable["env"] = new JsonObject { ["CLUSTER_PREDICT_REGISTRY"] = "models" };
        var byConfig = Predict("--config", "samples/predict.json");

        foreach (var step in new[] { byVariable, byConfig })
        {
            var (status, body) = await Server.PostAsync("/api/workflows/validate", Workflow("predict-fine", [step]));
            Assert.Equal(200, status);
            Assert.Empty(body!.AsArray());
        }
    }
}
