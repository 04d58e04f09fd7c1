using System.Text.RegularExpressions;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A server started for the first time without <c>Auth:Admin:Password</c>: no built-in password, but a generated one,
/// logged once, that signs the admin in; the next start logs nothing of the kind.
/// </summary>
public sealed partial class FirstAdminTests
{
    private static readonly Dictionary<string, string> NoConfiguredCredentials = new()
    {
        ["Auth__Admin__Password"] = "",
        ["Auth__Admin__ApiKey"] = "",
    };

    [Fact]
    public async Task Without_a_configured_password_the_first_start_logs_a_generated_one_that_signs_in()
    {
        using var folder = new TempFolder("orchestrator-first-admin");
        string[] storage = ["--sqlite", folder.Sub("pipeline.db")];
        var workflows = folder.Sub("workflows", create: true);

        string password;
        await using (var first = await ServerProcess.StartAsync(storage, folder.Sub("data"), workflows, NoConfiguredCredentials))
        {
            var logged = await WaitForPasswordAsync(first);
            Assert.True(logged.Success, $"no generated password in the server's output: {first.Output}");
            password = logged.Groups["password"].Value;
            Assert.True(password.Length >= 20, password);
            using var anonymous = new ApiClient(first.BaseUrl, apiKey: null);
            Assert.Equal(401, (await anonymous.SendAsync(HttpMethod.Get, "/api/runs")).Status);
            using var browser = await BrowserSession.SignInAsync(new Uri(first.BaseUrl), "admin", password);
            Assert.Equal(200, (await browser.SendAsync(HttpMethod.Get, "/api/runs")).Status);
        }

        await using var second = await ServerProcess.StartAsync(storage, folder.Sub("data"), workflows, NoConfiguredCredentials);
        using var again = await BrowserSession.SignInAsync(new Uri(second.BaseUrl), "admin", password);
        Assert.DoesNotContain("one-time password", second.Output, StringComparison.Ordinal);
    }

    private static async Task<Match> WaitForPasswordAsync(ServerProcess server)
    {
        for (var i = 0; i < 100; i++)
        {
            var match = GeneratedPassword().Match(server.Output);
            if (match.Success)
            {
                return match;
            }

            await Task.Delay(100);
        }

        return GeneratedPassword().Match(server.Output);
    }

    [GeneratedRegex(@"created the admin 'admin' with the one-time password (?<password>\S+)")]
    private static partial Regex GeneratedPassword();
}
