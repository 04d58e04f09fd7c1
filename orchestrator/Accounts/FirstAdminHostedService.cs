using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// At start-up (after the migrations): a server without users creates the first admin from <c>Auth:Admin</c>, or with
/// a generated password that it logs once, since there is no built-in one. The configured API key, if any, is added
/// to that admin whenever it is not stored yet, so automation keeps working across restarts and new databases.
/// </summary>
public sealed partial class FirstAdminHostedService(IAccountStore accounts, AuthOptions options, TimeProvider time, ILogger<FirstAdminHostedService> logger) : IHostedService
{
    private const string ConfiguredKeyName = "configured (Auth:Admin:ApiKey)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Admin;
        var name = UserNames.Normalize(admin.Name);
        var password = admin.ReadPassword();
        var apiKey = admin.ReadApiKey();
        var generated = password is null && apiKey is null;
        password ??= Passwords.Generate();
        var now = time.GetUtcNow();
        var created = await accounts.CreateFirstUserAsync(
            new UserAccount { Name = name, PasswordHash = Passwords.Hash(password), Role = Roles.Admin, SecurityStamp = Stamps.New(), CreatedAt = now },
            cancellationToken);
        if (created && generated)
        {
            Log.GeneratedPassword(logger, name, password);
        }
        else if (created)
        {
            Log.Created(logger, name);
        }

        if (apiKey is not null)
        {
            await AddConfiguredKeyAsync(name, apiKey, now, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AddConfiguredKeyAsync(string name, string apiKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecrets.Hash(apiKey);
        if (await accounts.FindKeyAsync(hash, cancellationToken) is not null)
        {
            return;
        }

        if (await accounts.GetUserAsync(name, cancellationToken) is null)
        {
            // Deleted by another admin since: the key goes with its user, and the server starts without it.
            Log.KeyUserMissing(logger, name);
            return;
        }

        try
        {
            await accounts.CreateKeyAsync(
                new ApiKeyRecord
                {
                    Id = ApiKeySecrets.NewId(), KeyHash = hash, Prefix = ApiKeySecrets.Prefix(apiKey), Name = ConfiguredKeyName, UserName = name,
                    Role = Roles.Admin, CreatedAt = now, ExpiresAt = DateTimeOffset.MaxValue.AddDays(-1),
                },
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Replicas starting together on an empty database both found no key and both added it: the other one's
            // insert won (a unique key hash), which is all this start needed. Anything else is a real failure.
            if (await accounts.FindKeyAsync(hash, cancellationToken) is null)
            {
                throw;
            }

            Log.KeyAddedElsewhere(logger, name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "No users yet: created the admin '{User}' with the one-time password {Password} — sign in and change it (or set Auth:Admin:Password before the first start)")]
        public static partial void GeneratedPassword(ILogger logger, string user, string password);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Auth:Admin:ApiKey is not added: its user '{User}' (Auth:Admin:Name) does not exist on this server")]
        public static partial void KeyUserMissing(ILogger logger, string user);

        [LoggerMessage(Level = LogLevel.Information, Message = "Auth:Admin:ApiKey of '{User}' was added by another server starting at the same time")]
        public static partial void KeyAddedElsewhere(ILogger logger, string user);

        [LoggerMessage(Level = LogLevel.Information, Message = "No users yet: created the admin '{User}' from Auth:Admin")]
        public static partial void Created(ILogger logger, string user);
    }
}
