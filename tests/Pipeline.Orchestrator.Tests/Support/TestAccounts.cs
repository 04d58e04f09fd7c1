using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>Users and keys made through the real API by its admin, for tests that act as someone else.</summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery";

    /// <summary>Adds a user with <paramref name="role"/> (password <see cref="Password"/>) and returns an API key of theirs.</summary>
    public static async Task<string> UserWithKeyAsync(ApiClient admin, string name, string role)
    {
        var (created, body) = await admin.PostAsync("/api/users", new JsonObject { ["name"] = name, ["role"] = role, ["password"] = Password });
        Assert.True(created == 201, $"POST /api/users {name}: {created} {body?.ToJsonString()}");
        using var session = await BrowserSession.SignInAsync(admin.Http.BaseAddress!, name, Password);
        var (status, key) = await session.SendAsync(HttpMethod.Post, "/api/keys", new JsonObject { ["name"] = $"{name}'s test key" });
        Assert.True(status == 201, $"POST /api/keys as {name}: {status} {key?.ToJsonString()}");
        return key!["secret"]!.GetValue<string>();
    }
}
