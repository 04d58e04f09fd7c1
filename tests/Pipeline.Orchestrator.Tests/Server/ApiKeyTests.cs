using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>API keys: shown once, stored as hashes, capped at their creator's role, revocable, expiring.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task A_key_is_shown_once_stored_only_as_a_hash_and_stops_working_when_revoked()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("hello")]);
        var secret = await TestAccounts.UserWithKeyAsync(server, "erin", "operator");
        using var erin = server.As(secret);
        Assert.StartsWith("pk_", secret, StringComparison.Ordinal);

        var runId = await erin.TriggerAsync("hello");
        Assert.Equal("erin", (await erin.RunAsync(runId))["run"]!["startedBy"]!.GetValue<string>());
        var listed = (await erin.GetJsonAsync("/api/keys")).AsArray().Single()!;
        Assert.Equal("erin", listed["user"]!.GetValue<string>());
        Assert.Equal("operator", listed["role"]!.GetValue<string>());
        Assert.Equal(secret[..10], listed["prefix"]!.GetValue<string>());
        Assert.NotNull(listed["lastUsedAt"]);
        Assert.DoesNotContain(secret, listed.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(listed["secret"]);

        await using (var connection = new SqliteConnection($"Data Source={server.DatabaseFile}"))
        {
            var stored = (await connection.QueryAsync<string>("SELECT id || key_hash || prefix || name FROM api_keys")).ToList();
            Assert.DoesNotContain(stored, s => s.Contains(secret, StringComparison.Ordinal));
        }

        var (revoked, _) = await erin.SendAsync(HttpMethod.Delete, $"/api/keys/{listed["id"]!.GetValue<string>()}");
        Assert.Equal(204, revoked);
        var (status, problem) = await erin.PostAsync("/api/workflows/hello/runs", new JsonObject());
        Assert.Equal(401, status);
        Assert.StartsWith("the API key 'erin's test key' was revoked at ", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var stranger = server.As("pk_made-up-key-that-nobody-has");
        Assert.Equal("the API key is not known to this server", (await stranger.PostAsync("/api/auth/logout")).Body!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_that_carry_a_secret_or_a_csrf_token_must_not_be_cached()
    {
        await using var server = await ApiServer.StartAsync([]);
        using var keyContent = new StringContent(new JsonObject { ["name"] = "ci" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var key = await server.Http.PostAsync(new Uri("/api/keys", UriKind.Relative), keyContent);
        Assert.Equal(201, (int)key.StatusCode);
        using var loginContent = new StringContent(
            new JsonObject { ["user"] = TestAuth.AdminName, ["password"] = TestAuth.AdminPassword }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var anonymous = server.As(null);
        using var login = await anonymous.Http.PostAsync(new Uri("/api/auth/login", UriKind.Relative), loginContent);
        Assert.Equal(200, (int)login.StatusCode);

        foreach (var answer in new[] { key, login })
        {
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{answer.RequestMessage!.RequestUri}: Cache-Control {answer.Headers.CacheControl}");
            Assert.Contains("no-cache", answer.Headers.Pragma.Select(p => p.Name));
        }
    }

    [Fact]
    public async Task An_expired_key_is_refused_and_says_when_it_expired()
    {
        await using var server = await ApiServer.StartAsync([]);
        var secret = await TestAccounts.UserWithKeyAsync(server, "frank", "viewer");
        await using (var connection = new SqliteConnection($"Data Source={server.DatabaseFile}"))
        {
            await connection.ExecuteAsync("UPDATE api_keys SET expires_at = 1000 WHERE user_name = 'frank'");
        }

        using var frank = server.As(secret);
        using var response = await frank.Http.GetAsync(new Uri("/api/runs", UriKind.Relative));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("expired at 1970-01-01 00:00:01Z", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_gets_at_most_its_creators_role_and_others_keys_are_out_of_reach()
    {
        await using var server = await ApiServer.StartAsync([]);
        var operatorKey = await TestAccounts.UserWithKeyAsync(server, "gina", "operator");
        var viewerKey = await TestAccounts.UserWithKeyAsync(server, "hal", "viewer");
        using var gina = server.As(operatorKey);
        using var hal = server.As(viewerKey);

        var (tooHigh, problem) = await gina.PostAsync("/api/keys", new JsonObject { ["name"] = "escalate", ["role"] = "admin" });
        Assert.Equal(422, tooHigh);
        Assert.Contains("at most your own", problem!["errors"]!["role"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(422, (await gina.PostAsync("/api/keys", new JsonObject { ["name"] = "forever", ["expiresInDays"] = 10000 })).Status);
        Assert.Equal(422, (await gina.PostAsync("/api/keys", new JsonObject { ["name"] = "" })).Status);
        var (lower, lowerKey) = await gina.PostAsync("/api/keys", new JsonObject { ["name"] = "read only", ["role"] = "viewer", ["expiresInDays"] = 7 });
        Assert.Equal(201, lower);
        Assert.Equal("viewer", lowerKey!["role"]!.GetValue<string>());

        using var everyone = await gina.Http.GetAsync(new Uri("/api/keys?all=true", UriKind.Relative));
        Assert.Equal(403, (int)everyone.StatusCode);
        var halsKey = (await hal.GetJsonAsync("/api/keys")).AsArray().Single()!["id"]!.GetValue<string>();
        Assert.Equal(404, (await gina.SendAsync(HttpMethod.Delete, $"/api/keys/{halsKey}")).Status);
        Assert.Equal(3, (await server.GetJsonAsync("/api/keys?all=true")).AsArray().Count(k => k!["user"]!.GetValue<string>() != "admin"));
        Assert.Equal(204, (await server.SendAsync(HttpMethod.Delete, $"/api/keys/{halsKey}")).Status);
        Assert.Equal(401, (int)(await hal.Http.GetAsync(new Uri("/api/runs", UriKind.Relative))).StatusCode);
    }
}
