using System.CommandLine;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Cli;

/// <summary>
/// <c>users list|add|set-password</c>: accounts straight in the database, for whoever can reach it (as with the other
/// commands): the way back in when the last admin's password is lost, and scripted set-up. Passwords come from a file
/// or the first line of standard input, never the command line, where other users of the machine could see them.
/// </summary>
internal static class UsersCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The user's name" };

    private static readonly Option<string> Role = new("--role") { Description = "viewer, operator, editor or admin", Required = true };

    private static readonly Option<FileInfo?> PasswordFile = new("--password-file") { Description = "Read the password from this file (default: the first line of standard input)" };

    public static Command Create()
    {
        var list = new Command("list", "Every user with role and state");
        list.SetAction(ListAsync);
        var add = new Command("add", "Add a user") { Name, Role, PasswordFile };
        add.SetAction(AddAsync);
        var setPassword = new Command("set-password", "Set a user's password and enable them (ends their sessions)") { Name, PasswordFile };
        setPassword.SetAction(SetPasswordAsync);
        return new Command("users", "Users who may sign in to the server") { list, add, setPassword };
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        foreach (var user in await host.Services.GetRequiredService<IAccountStore>().ListUsersAsync(cancellationToken))
        {
            Console.WriteLine($"{user.Name,-24} {user.Role,-9} {(user.IsDisabled ? "disabled" : "enabled")}");
        }

        return CliExitCodes.Success;
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var name = UserNames.Normalize(parse.GetValue(Name)!);
        var password = await ReadPasswordAsync(parse, cancellationToken);
        if (NewUserCheck.Problem(name, parse.GetValue(Role), password, PasswordsOf(host)) is var (field, message))
        {
            return await RefuseAsync($"{field}: {message}");
        }

        var user = new UserAccount
        {
            Name = name, Role = parse.GetValue(Role)!, PasswordHash = Passwords.Hash(password!), SecurityStamp = Stamps.New(),
            CreatedAt = host.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        if (!await host.Services.GetRequiredService<IAccountStore>().CreateUserAsync(user, cancellationToken))
        {
            return await RefuseAsync($"a user named '{name}' exists");
        }

        Console.WriteLine($"user {name} added ({user.Role})");
        return CliExitCodes.Success;
    }

    private static async Task<int> SetPasswordAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, runSteps: false, cancellationToken);
        var name = UserNames.Normalize(parse.GetValue(Name)!);
        var password = await ReadPasswordAsync(parse, cancellationToken);
        if (PasswordsOf(host).Problem(password) is { } problem)
        {
            return await RefuseAsync(problem);
        }

        var change = new UserChange { PasswordHash = Passwords.Hash(password!), Disabled = false, NewSecurityStamp = Stamps.New() };
        var clock = host.Services.GetRequiredService<TimeProvider>();
        if (await host.Services.GetRequiredService<IAccountStore>().ChangeUserAsync(name, change, clock.GetUtcNow(), cancellationToken) == AccountChangeOutcome.NotFound)
        {
            return await RefuseAsync($"no user named '{name}'");
        }

        Console.WriteLine($"password of {name} set; their other sessions have ended");
        return CliExitCodes.Success;
    }

    private static async Task<string?> ReadPasswordAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(PasswordFile) is { } file)
        {
            var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
            return text.TrimEnd('\n', '\r');
        }

        return await Console.In.ReadLineAsync(cancellationToken);
    }

    private static Passwords PasswordsOf(IHost host)
    {
        return host.Services.GetRequiredService<Passwords>();
    }

    private static async Task<int> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return CliExitCodes.Refused;
    }
}
