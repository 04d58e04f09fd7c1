using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// Every endpoint the server maps, called anonymously and with a key of each role: the anonymous caller gets 401 and a
/// role below the endpoint's gets 403, while its own role gets past authorization. The table below must name every
/// endpoint, so a new one cannot slip in without a decision about who may call it.
/// </summary>
public sealed partial class EndpointAuthorizationTests
{
    private const string Anyone = "anyone";

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // Open: the UI's pages (or, in a build without the UI, a page saying so), sign-in, probes, the API's description, Prometheus' scrape (Auth:AnonymousMetrics).
        ["GET {*path:nonfile}"] = Anyone,
        ["GET /"] = Anyone,
        ["POST /api/auth/login"] = Anyone,
        ["GET /healthz"] = Anyone,
        ["GET /readyz"] = Anyone,
        ["GET /metrics"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /api/reference/{documentName?}"] = Anyone,
        ["GET /api/reference/scalar.js"] = Anyone,
        ["GET /api/reference/scalar.aspnetcore.js"] = Anyone,
        ["GET /api/reference/favicon.svg"] = Anyone,
        // Reading, and checking what one is about to write.
        ["GET /api/auth/me"] = "viewer",
        ["POST /api/auth/logout"] = "viewer",
        ["POST /api/auth/password"] = "viewer",
        ["GET /api/keys/"] = "viewer",
        ["POST /api/keys/"] = "viewer",
        ["DELETE /api/keys/{id}"] = "viewer",
        ["GET /api/workflows/"] = "viewer",
        ["GET /api/workflows/{workflowId}"] = "viewer",
        ["GET /api/workflows/{workflowId}/draft"] = "viewer",
        ["GET /api/workflows/{workflowId}/versions"] = "viewer",
        ["GET /api/workflows/{workflowId}/versions/{version:int}"] = "viewer",
        ["POST /api/workflows/validate"] = "viewer",
        ["GET /api/runs"] = "viewer",
        ["GET /api/runs/{runId}"] = "viewer",
        ["GET /api/runs/{runId}/steps/{stepId}/partitions"] = "viewer",
        ["GET /api/workflows/{workflowId}/grid"] = "viewer",
        ["GET /api/runs/{runId}/steps/{stepId}/attempts/{attempt:int}/logs"] = "viewer",
        ["GET /api/runs/{runId}/steps/{stepId}/manifest"] = "viewer",
        ["GET /api/schedules"] = "viewer",
        ["POST /api/cron/preview"] = "viewer",
        ["GET /api/step-types"] = "viewer",
        ["GET /api/models/"] = "viewer",
        ["GET /api/models/{name}/versions"] = "viewer",
        ["GET /api/models/{name}/versions/{version:int}"] = "viewer",
        ["GET /api/models/{name}/versions/{version:int}/model"] = "viewer",
        ["GET /api/models/{name}/versions/{version:int}/scored"] = "viewer",
        ["GET /api/models/{name}/production/history"] = "viewer",
        ["GET /api/models/{name}/compare"] = "viewer",
        ["POST /api/models/{name}/predict"] = "viewer",
        ["GET /api/assets/"] = "viewer",
        ["GET /api/assets/{asset}/partitions"] = "viewer",
        ["GET /api/assets/{asset}/partitions/{key}"] = "viewer",
        ["GET /api/assets/graph"] = "viewer",
        ["GET /api/assets/{asset}/grid"] = "viewer",
        ["GET /api/assets/{asset}/partitions/{key}/preview"] = "viewer",
        ["GET /api/assets/{asset}/sensors"] = "viewer",
        ["GET /api/datasets/"] = "viewer",
        ["GET /api/datasets/{id}"] = "viewer",
        ["GET /api/datasets/{id}/file"] = "viewer",
        ["GET /api/models/{name}/experiments"] = "viewer",
        ["GET /api/models/{name}/experiments/compare"] = "viewer",
        ["GET /api/models/{name}/experiments/{version}"] = "viewer",
        // Running things.
        ["POST /api/workflows/{workflowId}/runs"] = "operator",
        ["POST /api/workflows/{workflowId}/backfill"] = "operator",
        ["POST /api/runs/{runId}/cancel"] = "operator",
        ["POST /api/runs/{runId}/pause"] = "operator",
        ["POST /api/runs/{runId}/resume"] = "operator",
        ["POST /api/runs/{runId}/steps/{stepId}/retry"] = "operator",
        ["POST /api/runs/{runId}/steps/{stepId}/override-gate"] = "editor",
        ["POST /api/runs/{runId}/retry-failed"] = "operator",
        ["POST /api/runs/{runId}/rerun"] = "operator",
        ["POST /hooks/{**path}"] = "operator",
        ["POST /api/datasets/"] = "operator",
        ["POST /api/datasets/from-url"] = "operator",
        // Changing workflows.
        ["POST /api/workflows/"] = "editor",
        ["PUT /api/workflows/{workflowId}"] = "editor",
        ["POST /api/workflows/{workflowId}/publish"] = "editor",
        ["POST /api/assets/{asset}/verify"] = "editor",
        ["POST /api/assets/{asset}/materialize"] = "operator",
        // Changing which model version serves production.
        ["POST /api/models/{name}/production"] = "editor",
        ["POST /api/models/{name}/rollback"] = "editor",
        // Removing a dataset (its file too).
        ["DELETE /api/datasets/{id}"] = "editor",
        // Users.
        ["GET /api/users/"] = "admin",
        ["POST /api/users/"] = "admin",
        ["PATCH /api/users/{name}"] = "admin",
        ["DELETE /api/users/{name}"] = "admin",
    };

    // One or the other is mapped, as the UI is built or not.
    private static readonly string[] UiPages = ["GET {*path:nonfile}", "GET /"];

    private static readonly string[] RoleOrder = ["viewer", "operator", "editor", "admin"];

    [Fact]
    public async Task Every_endpoint_refuses_strangers_with_401_and_lower_roles_with_403()
    {
        await using var server = await ApiServer.StartAsync([]);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in RoleOrder)
        {
            keys[role] = await TestAccounts.UserWithKeyAsync(server, $"{role}-user", role);
        }

        var mapped = server.Endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Endpoint: e)))
            .Where(e => !e.Key.StartsWith("HEAD ", StringComparison.Ordinal))
            .ToList();
        var names = mapped.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(names.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(names).Except(UiPages));

        var failures = new List<string>();
        foreach (var (key, _) in mapped.DistinctBy(e => e.Key))
        {
            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var path = Concrete(key[(method.Length + 1)..]);
            var needed = Expected[key];
            var anonymous = await StatusAsync(server, method, path, apiKey: null);
            if (needed == Anyone)
            {
                Expect(failures, key, "anonymous", anonymous, allowed: true);
                continue;
            }

            Expect(failures, key, "anonymous", anonymous, allowed: false, refusal: 401);
            foreach (var role in RoleOrder)
            {
                var status = await StatusAsync(server, method, path, keys[role]);
                var allowed = Array.IndexOf(RoleOrder, role) >= Array.IndexOf(RoleOrder, needed);
                Expect(failures, key, role, status, allowed, refusal: 403);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static void Expect(List<string> failures, string endpoint, string who, (int Status, bool Refused) answer, bool allowed, int refusal = 0)
    {
        if (allowed && answer.Refused)
        {
            failures.Add($"{endpoint}: {who} was refused ({answer.Status})");
        }
        else if (!allowed && (!answer.Refused || answer.Status != refusal))
        {
            failures.Add($"{endpoint}: {who} got {answer.Status}, expected {refusal}");
        }
    }

    /// <summary>
    /// The status, and whether it is a refusal (401 or 403) — not sign-in's own 401 for the empty credentials sent
    /// here, which means the request reached the endpoint.
    /// </summary>
    private static async Task<(int Status, bool Refused)> StatusAsync(ApiServer server, string method, string path, string? apiKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        if (method != "GET")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var client = server.As(null);
        using var response = await client.Http.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        return (status, status is 401 or 403 && !body.Contains("wrong user name or password", StringComparison.Ordinal));
    }

    /// <summary>A path for a route pattern: each parameter gets a value that parses (an int where the route wants one).</summary>
    private static string Concrete(string pattern) =>
        Parameter().Replace(pattern, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : m.Value.Contains("documentName", StringComparison.Ordinal) ? "v1" : "nothing-here");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
