using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class RunsApiTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>
{
    private ApiServer Server => fixture.Server;

    [Fact]
    public async Task A_triggered_run_with_inputs_succeeds_and_shows_its_steps_attempts_and_logs()
    {
        var runId = await Server.TriggerAsync("greet", new() { ["name"] = "world" });

        var detail = await Server.WaitForEndAsync(runId);

        Assert.Equal("succeeded", ApiServer.RunState(detail));
        Assert.Equal("world", detail["run"]!["inputs"]!["name"]!.GetValue<string>());
        Assert.Equal("hello", detail["run"]!["inputs"]!["greeting"]!.GetValue<string>());
        Assert.Equal(["say", "after"], detail["steps"]!.AsArray().Select(s => s!["stepId"]!.GetValue<string>()));
        Assert.Equal(["say"], ApiServer.Step(detail, "after")["dependsOn"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "say"));
        Assert.Equal(["0"], ApiServer.ExitCodes(detail, "say"));
        Assert.Equal(["succeeded"], ApiServer.Attempts(detail, "after"));
        Assert.Equal("hello world\n", await Server.LogAsync(runId, "say", 1));
        Assert.Equal("a warning\n", await Server.LogAsync(runId, "say", 1, "stderr"));
        Assert.Equal("hello world\n", await Server.LogAsync(runId, "after", 1));
        Assert.True(File.Exists(Path.Combine(ApiServer.Step(detail, "say")["outputFolder"]!.GetValue<string>(), "said.txt")));
    }

    [Fact]
    public async Task A_run_missing_a_required_input_is_refused_with_the_input_path()
    {
        var (status, body) = await Server.PostAsync("/api/workflows/greet/runs", new JsonObject { ["inputs"] = new JsonObject { ["nmae"] = "typo" } });

        Assert.Equal(422, status);
        var paths = body!["problems"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();
        Assert.Contains(paths, p => p.Contains("name", StringComparison.Ordinal) && !p.Contains("nmae", StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Contains("nmae", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inputs_may_be_numbers_or_booleans_but_an_object_is_refused_with_its_path()
    {
        var (accepted, run) = await Server.PostAsync("/api/workflows/greet/runs", new JsonObject { ["inputs"] = new JsonObject { ["name"] = 42 } });
        var (refused, problem) = await Server.PostAsync("/api/workflows/greet/runs", new JsonObject { ["inputs"] = new JsonObject { ["name"] = new JsonObject() } });

        Assert.Equal(201, accepted);
        Assert.Equal("42", run!["inputs"]!["name"]!.GetValue<string>());
        Assert.Equal(422, refused);
        Assert.Equal("$.inputs.name", Assert.Single(problem!["problems"]!.AsArray())!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runs_are_filtered_by_workflow_and_state()
    {
        List<string> a = [await Server.TriggerAsync("list-a"), await Server.TriggerAsync("list-a")];
        var b = await Server.TriggerAsync("list-b");
        var failing = await Server.TriggerAsync("list-failing");
        foreach (var id in a.Append(b).Append(failing))
        {
            await Server.WaitForEndAsync(id);
        }

        var ofA = await Server.GetJsonAsync("/api/runs?workflow=list-a");
        var failedOfFailing = await Server.GetJsonAsync("/api/runs?workflow=list-failing&state=failed");
        var failedOfA = await Server.GetJsonAsync("/api/runs?workflow=list-a&state=failed");
        var succeededOfA = await Server.GetJsonAsync("/api/runs?workflow=list-a&state=succeeded");

        Assert.Equal(a.AsEnumerable().Reverse(), Ids(ofA));
        Assert.Equal([failing], Ids(failedOfFailing));
        Assert.Equal(1, failedOfFailing["runs"]![0]!["stepCounts"]!["failed"]!.GetValue<int>());
        var firstError = failedOfFailing["runs"]![0]!["firstError"]!;
        Assert.Equal("fail", firstError["stepId"]!.GetValue<string>());
        Assert.Equal(1, firstError["exitCode"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(firstError["message"]!.GetValue<string>()));
        Assert.Null(ofA["runs"]![0]!["firstError"]);
        Assert.Equal(2, ofA["total"]!.GetValue<long>());
        Assert.Equal(1, failedOfFailing["total"]!.GetValue<long>());
        Assert.Equal(0, failedOfA["total"]!.GetValue<long>());
        Assert.Empty(Ids(failedOfA));
        Assert.Equal(a.AsEnumerable().Reverse(), Ids(succeededOfA));
        using var bad = await Server.Http.GetAsync(new Uri("/api/runs?state=bogus", UriKind.Relative));
        Assert.Equal(400, (int)bad.StatusCode);
    }

    [Fact]
    public async Task Runs_are_paged_newest_first_with_a_keyset_cursor()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Server.TriggerAsync("paged"));
        }

        var seen = new List<string>();
        string? before = null;
        var pages = 0;
        do
        {
            var page = await Server.GetJsonAsync($"/api/runs?workflow=paged&limit=2{(before is null ? string.Empty : "&before=" + Uri.EscapeDataString(before))}");
            Assert.True(Ids(page).Count <= 2);
            seen.AddRange(Ids(page));
            before = page["next"]?.GetValue<string>();
            pages++;
        }
        while (before is not null && pages < 10);

        Assert.Equal(ids.AsEnumerable().Reverse(), seen);
        Assert.Equal(3, pages);
        var last = await Server.GetJsonAsync($"/api/runs?workflow=paged&limit=2&before={Uri.EscapeDataString(seen[^2])}");
        Assert.Equal(5, last["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem()
    {
        using var response = await Server.Http.GetAsync(new Uri("/api/runs/no-such-run", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, body["status"]!.GetValue<int>());
        Assert.Contains("no-such-run", body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var logs = await Server.Http.GetAsync(new Uri("/api/runs/no-such-run/steps/x/attempts/1/logs", UriKind.Relative));
        Assert.Equal(404, (int)logs.StatusCode);
        var (cancel, _) = await Server.PostAsync("/api/runs/no-such-run/cancel");
        Assert.Equal(404, cancel);
    }

    [Fact]
    public async Task Following_a_log_streams_output_as_the_step_prints_until_it_ends()
    {
        var runId = await Server.TriggerAsync("printer");
        await Server.WaitForAsync(runId, d => ApiServer.Attempts(d, "print").Count == 1);

        using var response = await Server.Http.GetAsync(
            new Uri($"/api/runs/{runId}/steps/print/attempts/1/logs?follow=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var watch = Stopwatch.StartNew();
        var lines = new List<(string Line, TimeSpan At)>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add((line, watch.Elapsed));
        }

        Assert.Equal(["one", "two", "three"], lines.Select(l => l.Line));
        // "one" arrived while the step still slept; the stream ended only after "three".
        Assert.True(lines[2].At - lines[0].At > TimeSpan.FromSeconds(1), $"lines arrived at {string.Join(", ", lines.Select(l => l.At))}");
        var detail = await Server.WaitForEndAsync(runId);
        Assert.Equal("succeeded", ApiServer.StepState(detail, "print"));
    }

    private static List<string> Ids(JsonNode page) => [.. page["runs"]!.AsArray().Select(r => r!["run"]!["id"]!.GetValue<string>())];
}
