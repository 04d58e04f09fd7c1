using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>Browser sessions: sign-in, the cookie, CSRF tokens, and sessions ending or changing when the user does.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_and_changes_need_the_csrf_token()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("hello")]);
        using var browser = BrowserSession.Anonymous(server.Http.BaseAddress!);

        var (wrong, wrongBody) = await browser.SignInAsync(TestAuth.AdminName, "not the password");
        Assert.Equal(401, wrong);
        Assert.Equal("wrong user name or password", wrongBody!["detail"]!.GetValue<string>());
        var (unknown, unknownBody) = await browser.SignInAsync("nobody", "not the password");
        Assert.Equal(401, unknown);
        Assert.Equal("wrong user name or password", unknownBody!["detail"]!.GetValue<string>());

        var (status, session) = await browser.SignInAsync("ADMIN", TestAuth.AdminPassword);
        Assert.Equal(200, status);
        Assert.Equal("admin", session!["user"]!.GetValue<string>());
        Assert.Equal("admin", session["role"]!.GetValue<string>());
        var cookie = browser.Cookies.GetAllCookies().Single(c => c.Name == "pipeline.session");
        Assert.True(cookie.HttpOnly);

        var (me, meBody) = await browser.SendAsync(HttpMethod.Get, "/api/auth/me");
        Assert.Equal(200, me);
        Assert.Equal("session", meBody!["via"]!.GetValue<string>());

        var trigger = new JsonObject { ["inputs"] = new JsonObject() };
        var (forged, forgedBody) = await browser.SendAsync(HttpMethod.Post, "/api/workflows/hello/runs", trigger, withCsrfToken: false);
        Assert.Equal(403, forged);
        Assert.Equal("CSRF token missing or invalid", forgedBody!["title"]!.GetValue<string>());
        Assert.Empty((await server.GetJsonAsync("/api/runs"))["runs"]!.AsArray());

        var (started, run) = await browser.SendAsync(HttpMethod.Post, "/api/workflows/hello/runs", trigger);
        Assert.True(started == 201, $"{started} {run?.ToJsonString()}");
        Assert.Equal("admin", run!["startedBy"]!.GetValue<string>());

        var (loggedOut, _) = await browser.SendAsync(HttpMethod.Post, "/api/auth/logout");
        Assert.Equal(204, loggedOut);
        Assert.Equal(401, (await browser.SendAsync(HttpMethod.Get, "/api/runs")).Status);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_replayed_cookie_gets_401()
    {
        await using var server = await ApiServer.StartAsync([]);
        await TestAccounts.UserWithKeyAsync(server, "gina", "viewer");
        using var laptop = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "gina", TestAccounts.Password);
        using var phone = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "gina", TestAccounts.Password);
        var saved = laptop.Cookies.GetAllCookies().Single(c => c.Name == "pipeline.session").Value;
        using var replay = new HttpClient { BaseAddress = server.Http.BaseAddress };
        replay.DefaultRequestHeaders.Add("Cookie", $"pipeline.session={saved}");
        using (var before = await replay.GetAsync(new Uri("/api/auth/me", UriKind.Relative)))
        {
            Assert.Equal(200, (int)before.StatusCode);
        }

        Assert.Equal(204, (await laptop.SendAsync(HttpMethod.Post, "/api/auth/logout")).Status);

        using var replayed = await replay.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal(401, (int)replayed.StatusCode);
        Assert.Equal(200, (await phone.SendAsync(HttpMethod.Get, "/api/auth/me")).Status);
        Assert.Equal(200, (await laptop.SignInAsync("gina", TestAccounts.Password)).Status);
        Assert.Equal(200, (await laptop.SendAsync(HttpMethod.Get, "/api/auth/me")).Status);
    }

    [Fact]
    public async Task A_password_change_ends_the_users_other_sessions_and_keeps_this_one()
    {
        await using var server = await ApiServer.StartAsync([]);
        await TestAccounts.UserWithKeyAsync(server, "carol", "viewer");
        using var laptop = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "carol", TestAccounts.Password);
        using var phone = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "carol", TestAccounts.Password);

        var (tooShort, problem) = await laptop.SendAsync(HttpMethod.Post, "/api/auth/password", new JsonObject { ["current"] = TestAccounts.Password, ["new"] = "short" });
        Assert.Equal(422, tooShort);
        Assert.Contains("at least 12 characters", problem!["errors"]!["new"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (wrongCurrent, _) = await laptop.SendAsync(HttpMethod.Post, "/api/auth/password", new JsonObject { ["current"] = "guess", ["new"] = "a much longer new password" });
        Assert.Equal(422, wrongCurrent);

        var (changed, _) = await laptop.SendAsync(HttpMethod.Post, "/api/auth/password", new JsonObject { ["current"] = TestAccounts.Password, ["new"] = "a much longer new password" });
        Assert.Equal(204, changed);

        Assert.Equal(200, (await laptop.SendAsync(HttpMethod.Get, "/api/auth/me")).Status);
        Assert.Equal(401, (await phone.SendAsync(HttpMethod.Get, "/api/auth/me")).Status);
        Assert.Equal(401, (await phone.SignInAsync("carol", TestAccounts.Password)).Status);
        Assert.Equal(200, (await phone.SignInAsync("carol", "a much longer new password")).Status);
    }

    [Fact]
    public async Task A_role_change_applies_to_open_sessions_at_once_and_disabling_ends_sessions_and_keys()
    {
        await using var server = await ApiServer.StartAsync([TestFlows.Echo("hello")]);
        var key = await TestAccounts.UserWithKeyAsync(server, "dave", "viewer");
        using var browser = await BrowserSession.SignInAsync(server.Http.BaseAddress!, "dave", TestAccounts.Password);
        var trigger = new JsonObject { ["inputs"] = new JsonObject() };

        var (refused, problem) = await browser.SendAsync(HttpMethod.Post, "/api/workflows/hello/runs", trigger);
        Assert.Equal(403, refused);
        Assert.Equal("this needs the operator role; dave is a viewer", problem!["detail"]!.GetValue<string>());

        Assert.Equal(200, (await server.SendAsync(HttpMethod.Patch, "/api/users/dave", new JsonObject { ["role"] = "operator" })).Status);
        Assert.Equal(201, (await browser.SendAsync(HttpMethod.Post, "/api/workflows/hello/runs", trigger)).Status);
        Assert.Equal("operator", (await browser.SendAsync(HttpMethod.Get, "/api/auth/me")).Body!["role"]!.GetValue<string>());
        // The key was made with the viewer role, and keeps it: a key never gains with its user.
        using var keyClient = server.As(key);
        Assert.Equal(403, (await keyClient.PostAsync("/api/workflows/hello/runs", trigger)).Status);

        Assert.Equal(200, (await server.SendAsync(HttpMethod.Patch, "/api/users/dave", new JsonObject { ["disabled"] = true })).Status);
        Assert.Equal(401, (await browser.SendAsync(HttpMethod.Get, "/api/auth/me")).Status);
        var (keyStatus, keyProblem) = await keyClient.PostAsync("/api/workflows/hello/runs", trigger);
        Assert.Equal(401, keyStatus);
        Assert.Equal("the user 'dave' of this API key is disabled", keyProblem!["detail"]!.GetValue<string>());
        var (signIn, signInProblem) = await browser.SignInAsync("dave", TestAccounts.Password);
        Assert.Equal(401, signIn);
        Assert.Contains("disabled", signInProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["RateLimits:LoginsPerMinute"] = "3" });
        using var browser = BrowserSession.Anonymous(server.Http.BaseAddress!);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await browser.SignInAsync(TestAuth.AdminName, $"guess {i}")).Status);
        }

        var (status, problem) = await browser.SignInAsync(TestAuth.AdminName, TestAuth.AdminPassword);
        Assert.Equal(429, status);
        Assert.Contains("more than 3 sign-in attempts a minute", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
