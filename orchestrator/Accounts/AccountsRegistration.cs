using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// The accounts module's registration: its settings (<c>Auth</c>) and password hashing; the first admin made at
/// start-up, and the check of the settings at start, are the server's alone (<see cref="AddFirstAdmin"/>). The
/// host adds an <see cref="IAccountStore"/> and how requests sign in.
/// </summary>
public static class AccountsRegistration
{
    public static IServiceCollection AddPipelineAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        // Checked when first used; the server checks at start (AddFirstAdmin), the CLI's run and status commands
        // never use them and so never refuse to start over them.
        services.AddCheckedOptions<AuthOptions>(configuration, "Auth", checkAtStart: false);
        services.AddSingleton<Passwords>();
        return services;
    }

    /// <summary>Creates the first admin at start-up on a server without users (<see cref="FirstAdminOptions"/>).</summary>
    public static IServiceCollection AddFirstAdmin(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().ValidateOnStart();
        return services.AddHostedService<FirstAdminHostedService>();
    }
}
