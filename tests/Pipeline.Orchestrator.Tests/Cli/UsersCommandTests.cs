using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Cli;

/// <summary>
/// <c>users</c> on the database itself: the way back in when no admin can sign in, proven by a server on that
/// database accepting the password the command set.
/// </summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("orchestrator-users-cli");

    [Fact]
    public async Task Users_add_and_set_password_write_accounts_a_server_then_signs_in_with()
    {
        var database = _folder.Sub("pipeline.db");
        var password = _folder.Sub("password.txt");
        await File.WriteAllTextAsync(password, "first password here\n");

        var added = await OrchestratorProcess.RunAsync(["users", "add", "Bob", "--role", "operator", "--password-file", password, "--sqlite", database]);
        Assert.True(added.ExitCode == 0, added.ToString());
        var again = await OrchestratorProcess.RunAsync(["users", "add", "bob", "--role", "viewer", "--password-file", password, "--sqlite", database]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("a user named 'bob' exists", again.Stderr, StringComparison.Ordinal);
        var badRole = await OrchestratorProcess.RunAsync(["users", "add", "eve", "--role", "root", "--password-file", password, "--sqlite", database]);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("role: the role must be one of viewer, operator, editor, admin", badRole.Stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(password, "short\n");
        Assert.Equal(2, (await OrchestratorProcess.RunAsync(["users", "set-password", "bob", "--password-file", password, "--sqlite", database])).ExitCode);
        await File.WriteAllTextAsync(password, "the recovered password\n");
        Assert.Equal(2, (await OrchestratorProcess.RunAsync(["users", "set-password", "nobody", "--password-file", password, "--sqlite", database])).ExitCode);
        var set = await OrchestratorProcess.RunAsync(["users", "set-password", "bob", "--password-file", password, "--sqlite", database]);
        Assert.True(set.ExitCode == 0, set.ToString());

        var list = await OrchestratorProcess.RunAsync(["users", "list", "--sqlite", database]);
        Assert.Matches(@"bob\s+operator\s+enabled", list.Stdout);

        await using var server = await ServerProcess.StartAsync(["--sqlite", database], _folder.Sub("data"), _folder.Sub("workflows", create: true), new Dictionary<string, string>());
        using var browser = BrowserSession.Anonymous(new Uri(server.BaseUrl));
        Assert.Equal(401, (await browser.SignInAsync("bob", "first password here")).Status);
        var (status, session) = await browser.SignInAsync("bob", "the recovered password");
        Assert.Equal(200, status);
        Assert.Equal("operator", session!["role"]!.GetValue<string>());
    }

    public void Dispose() => _folder.Dispose();
}
