using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// The trigger rate limit (<c>RateLimits:TriggersPerMinute</c>) is charged per run and per signed-in user: a backfill
/// pays for every run it makes, and nobody else (strangers, other users) can use up a user's allowance.
/// </summary>
public sealed class TriggerLimitsTests
{
    private static readonly JsonObject NoInputs = new() { ["inputs"] = new JsonObject() };

    [Fact]
    public async Task A_backfill_is_charged_one_start_per_run_and_one_that_does_not_fit_creates_nothing()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("filled")], extra: new() { ["RateLimits:TriggersPerMinute"] = "5" });

        var (first, created) = await server.PostAsync("/api/workflows/filled/backfill", Days("2026-01-01", "2026-01-03"));
        Assert.True(first == 200, created?.ToJsonString());
        Assert.Equal(3, created!.AsArray().Count);

        // Two starts are left: a backfill of three is refused whole, with when to come back.
        using var refused = await PostAsync(server, "/api/workflows/filled/backfill", Days("2026-01-04", "2026-01-06"));
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains("3 runs", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(3, await RunCountAsync(server, "filled"));

        Assert.Equal(200, (await server.PostAsync("/api/workflows/filled/backfill", Days("2026-01-04", "2026-01-05"))).Status);
        Assert.Equal(429, (await server.PostAsync("/api/workflows/filled/runs", NoInputs)).Status);
        Assert.Equal(5, await RunCountAsync(server, "filled"));

        // More days than the limit allows in a minute can never fit: said so, not "try later".
        var (tooLong, tooLongProblem) = await server.PostAsync("/api/workflows/filled/backfill", Days("2026-02-01", "2026-02-06"));
        Assert.Equal(400, tooLong);
        Assert.Contains("RateLimits:TriggersPerMinute", tooLongProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strangers_requests_do_not_use_up_a_signed_in_users_trigger_limit()
    {
        var hooked = TestFlows.Echo("guarded", new JsonArray(new JsonObject { ["type"] = "http", ["path"] = "guarded" }));
        await using var server = await ApiServer.StartAsync([hooked], extra: new() { ["RateLimits:TriggersPerMinute"] = "3" });
        using var stranger = server.As(null);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await stranger.PostAsync("/api/workflows/guarded/runs", NoInputs)).Status);
            Assert.Equal(401, (await stranger.PostAsync("/hooks/guarded")).Status);
            Assert.Equal(401, (await stranger.PostAsync("/api/workflows/guarded/backfill", Days("2026-01-01", "2026-01-03"))).Status);
        }

        for (var i = 0; i < 3; i++)
        {
            await server.TriggerAsync("guarded");
        }

        var (status, problem) = await server.PostAsync("/api/workflows/guarded/runs", NoInputs);
        Assert.Equal(429, status);
        Assert.Contains("more than 3 runs a minute started by admin", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_user_has_a_limit_of_their_own_shared_by_their_keys_and_sessions()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("shared")], extra: new() { ["RateLimits:TriggersPerMinute"] = "3" });
        var alice = await TestAccounts.UserWithKeyAsync(server, "alice", "operator");
        var bob = await TestAccounts.UserWithKeyAsync(server, "bob", "operator");
        using var aliceKey = server.As(alice);
        using var aliceBrowser = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "alice", TestAccounts.Password);
        using var bobKey = server.As(bob);

        for (var i = 0; i < 3; i++)
        {
            await aliceKey.TriggerAsync("shared");
        }

        Assert.Equal(429, (await aliceKey.PostAsync("/api/workflows/shared/runs", NoInputs)).Status);
        Assert.Equal(429, (await aliceBrowser.SendAsync(HttpMethod.Post, "/api/workflows/shared/runs", NoInputs)).Status);
        await bobKey.TriggerAsync("shared");
        await server.TriggerAsync("shared");
        Assert.Equal(5, await RunCountAsync(server, "shared"));
    }

    private static JsonObject Days(string from, string to) => new() { ["from"] = from, ["to"] = to };

    private static async Task<int> RunCountAsync(ApiClient client, string workflowId) =>
        (await client.GetJsonAsync($"/api/runs?workflow={workflowId}&limit=500"))["runs"]!.AsArray().Count;

    /// <summary>The whole answer, headers included.</summary>
    private static async Task<HttpResponseMessage> PostAsync(ApiClient client, string path, JsonNode body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.Http.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}
