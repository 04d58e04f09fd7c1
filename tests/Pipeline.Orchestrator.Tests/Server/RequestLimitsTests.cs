using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>What one client cannot make the server do: start runs without bound, send huge bodies, store huge definitions.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task Starting_runs_faster_than_the_limit_is_refused_with_429_and_when_to_retry_while_reads_go_on()
    {
        var hooked = TestFlows.Echo("limited", new JsonArray(new JsonObject { ["type"] = "http", ["path"] = "limited" }));
        await using var server = await ApiServer.StartAsync([hooked], extra: new() { ["RateLimits:TriggersPerMinute"] = "3" });

        for (var i = 0; i < 2; i++)
        {
            await server.TriggerAsync("limited");
        }

        using var hook = await server.Http.PostAsync(new Uri("/hooks/limited", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.True(hook.IsSuccessStatusCode, $"{(int)hook.StatusCode} {await hook.Content.ReadAsStringAsync()}");

        // The fourth start in the minute, through either door, is refused; reading is not limited.
        var (status, body) = await server.PostAsync("/api/workflows/limited/runs", new JsonObject());
        Assert.Equal(429, status);
        Assert.Contains("more than 3 runs a minute", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var again = await server.Http.PostAsync(new Uri("/hooks/limited", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(429, (int)again.StatusCode);
        Assert.InRange(int.Parse(again.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(3, (await server.GetJsonAsync("/api/runs?workflow=limited"))["runs"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("sized")], extra: new() { ["Server:MaxRequestBodyBytes"] = "4096" });

        var inputs = new JsonObject { ["inputs"] = new JsonObject { ["padding"] = new string('x', 8000) } };
        var (status, _) = await server.PostAsync("/api/workflows/sized/runs", inputs);

        Assert.Equal(413, status);
        Assert.Equal(201, (await server.PostAsync("/api/workflows/sized/runs", new JsonObject())).Status);
    }

    [Fact]
    public async Task A_definition_over_a_mebibyte_or_with_too_many_steps_is_refused()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Server:MaxRequestBodyBytes"] = "10000000" });

        var huge = ShellWorkflows.Workflow("huge", [ShellWorkflows.Step("a", new string('x', DefinitionLimits.MaxJsonBytes))]);
        Assert.Equal(413, (await server.PostAsync("/api/workflows/validate", huge)).Status);

        var steps = Enumerable.Range(0, DefinitionLimits.MaxSteps + 1).Select(i => ShellWorkflows.Step($"s{i}", "true")).ToArray();
        var (status, problems) = await server.PostAsync("/api/workflows/validate", ShellWorkflows.Workflow("wide", steps));
        Assert.Equal(200, status);
        var problem = Assert.Single(problems!.AsArray());
        Assert.Equal("$.steps", problem!["path"]!.GetValue<string>());
        Assert.Contains($"at most {DefinitionLimits.MaxSteps} steps", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
