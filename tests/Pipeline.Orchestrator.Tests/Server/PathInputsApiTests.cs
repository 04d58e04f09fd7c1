using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>A run whose path input leads outside the folders runs may read is refused before anything runs.</summary>
public sealed class PathInputsApiTests
{
    [Fact]
    public async Task A_trigger_with_a_path_input_outside_the_roots_gets_422_naming_the_input_and_no_run()
    {
        var flow = ShellWorkflows.Workflow("reads", [ShellWorkflows.Step("cat", "cat \"$1\"", args: ["${{ inputs.source }}"])]);
        flow["inputs"] = new JsonObject { ["source"] = new JsonObject { ["type"] = "path" } };
        await using var server = await ApiServer.StartAsync([flow]);

        var (status, body) = await server.PostAsync("/api/workflows/reads/runs", new JsonObject { ["inputs"] = new JsonObject { ["source"] = "/etc/passwd" } });

        Assert.Equal(422, status);
        var problem = Assert.Single(body!["problems"]!.AsArray())!;
        Assert.Equal("$.inputs.source", problem["path"]!.GetValue<string>());
        Assert.Contains("outside the folders runs may read", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await server.GetJsonAsync("/api/runs?workflow=reads"))["runs"]!.AsArray());

        var (traversal, traversalBody) = await server.PostAsync("/api/workflows/reads/runs", new JsonObject { ["inputs"] = new JsonObject { ["source"] = "data/../../x" } });
        Assert.Equal(422, traversal);
        Assert.Contains("'..' is not allowed", traversalBody!["problems"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var inside = Path.Combine(server.DataRoot, "in.txt");
        Directory.CreateDirectory(server.DataRoot);
        await File.WriteAllTextAsync(inside, "fine");
        var runId = await server.TriggerAsync("reads", new() { ["source"] = inside });
        Assert.Equal("succeeded", ApiClient.RunState(await server.WaitForEndAsync(runId)));
    }

    [Fact]
    public async Task Every_kind_of_traversal_attempt_gets_422_naming_the_input_and_starts_nothing()
    {
        var flow = ShellWorkflows.Workflow("reads", [ShellWorkflows.Step("cat", "cat \"$1\"", args: ["${{ inputs.source }}"])]);
        flow["inputs"] = new JsonObject { ["source"] = new JsonObject { ["type"] = "path" } };
        await using var server = await ApiServer.StartAsync([flow]);
        // A link inside the data root that leads out of every root.
        Directory.CreateDirectory(server.DataRoot);
        Directory.CreateSymbolicLink(Path.Combine(server.DataRoot, "link"), "/etc");

        var attempts = new (string Value, string Message)[]
        {
            ("../../../../../../etc/passwd", "'..' is not allowed in a path"),
            (server.DataRoot + "/../../../etc/passwd", "'..' is not allowed in a path"),
            ("/etc/passwd", "leads to /etc/passwd, outside the folders runs may read"),
            ("/root/.ssh/*", "leads to /root/.ssh, outside the folders runs may read"),
            (server.DataRoot + "/link/passwd", "leads to /etc/passwd, outside the folders runs may read"),
            (server.DataRoot + "/..%2f..%2f..%2fetc%2fpasswd", "'..' is not allowed in a path"),
            ("%2e%2e%2f%2e%2e%2fetc%2fpasswd", "'..' is not allowed in a path"),
            ("file:///etc/passwd", "only http and https URLs are allowed"),
        };
        foreach (var (value, message) in attempts)
        {
            var (status, body) = await server.PostAsync("/api/workflows/reads/runs", new JsonObject { ["inputs"] = new JsonObject { ["source"] = value } });

            Assert.True(status == 422, $"{value}: {status} {body?.ToJsonString()}");
            var problem = Assert.Single(body!["problems"]!.AsArray())!;
            Assert.Equal("$.inputs.source", problem["path"]!.GetValue<string>());
            Assert.Contains(message, problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty((await server.GetJsonAsync("/api/runs?workflow=reads"))["runs"]!.AsArray());
    }
}
