using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>Managing users: names and passwords checked, and the server never left without an enabled admin.</summary>
public sealed class UsersApiTests
{
    [Fact]
    public async Task Bad_names_roles_and_passwords_are_refused_with_the_field_named()
    {
        await using var server = await ApiServer.StartAsync([]);

        await AssertInvalidAsync(server, new JsonObject { ["name"] = "a b", ["role"] = "viewer", ["password"] = TestAccounts.Password }, "name");
        await AssertInvalidAsync(server, new JsonObject { ["name"] = "ivy", ["role"] = "root", ["password"] = TestAccounts.Password }, "role");
        await AssertInvalidAsync(server, new JsonObject { ["name"] = "ivy", ["role"] = "viewer", ["password"] = "short" }, "password");

        var (created, user) = await server.PostAsync("/api/users", new JsonObject { ["name"] = "Ivy", ["role"] = "editor", ["password"] = TestAccounts.Password });
        Assert.Equal(201, created);
        Assert.Equal("ivy", user!["name"]!.GetValue<string>());
        Assert.DoesNotContain("password", user.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(409, (await server.PostAsync("/api/users", new JsonObject { ["name"] = "ivy", ["role"] = "viewer", ["password"] = TestAccounts.Password })).Status);
        var listed = (await server.GetJsonAsync("/api/users")).AsArray();
        Assert.Equal(["admin", "ivy"], listed.Select(u => u!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_demoted_disabled_or_deleted_and_nobody_removes_themself()
    {
        await using var server = await ApiServer.StartAsync([]);
        var (status, problem) = await server.SendAsync(HttpMethod.Patch, "/api/users/admin", new JsonObject { ["role"] = "viewer" });
        Assert.Equal(409, status);
        Assert.Contains("last enabled admin", problem, StringComparison.Ordinal);
        Assert.Equal(409, (await server.SendAsync(HttpMethod.Patch, "/api/users/admin", new JsonObject { ["disabled"] = true })).Status);
        Assert.Equal(409, (await server.SendAsync(HttpMethod.Delete, "/api/users/admin")).Status);

        var secondKey = await TestAccounts.UserWithKeyAsync(server, "judy", "admin");
        using var judy = server.As(secondKey);
        Assert.Equal(409, (await judy.SendAsync(HttpMethod.Delete, "/api/users/judy")).Status);
        Assert.Equal(200, (await judy.SendAsync(HttpMethod.Patch, "/api/users/admin", new JsonObject { ["role"] = "viewer" })).Status);
        // Now judy is the last admin: the first one, a viewer, can do nothing about it.
        Assert.Equal(403, (await server.SendAsync(HttpMethod.Patch, "/api/users/judy", new JsonObject { ["role"] = "viewer" })).Status);
        Assert.Equal(404, (await judy.SendAsync(HttpMethod.Delete, "/api/users/nobody")).Status);
        Assert.Equal(204, (await judy.SendAsync(HttpMethod.Delete, "/api/users/admin")).Status);
        Assert.Equal(401, (await server.SendAsync(HttpMethod.Get, "/api/runs")).Status);
    }

    private static async Task AssertInvalidAsync(ApiClient client, JsonObject body, string field)
    {
        var (status, problem) = await client.PostAsync("/api/users", body);
        Assert.Equal(422, status);
        Assert.NotNull(problem!["errors"]![field]);
    }
}
