using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// The accounts module's registration: its settings (<c>Auth</c>, checked on start) and password hashing; the first
/// admin made at start-up is the server's alone (<see cref="AddFirstAdmin"/>). The host adds an
/// <see cref="IAccountStore"/> and how requests sign in.
/// </summary>
public static class AccountsRegistration
{
    public static IServiceCollection AddPipelineAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddSingleton<Passwords>();
        return services;
    }

    /// <summary>Creates the first admin at start-up on a server without users (<see cref="FirstAdminOptions"/>).</summary>
    public static IServiceCollection AddFirstAdmin(this IServiceCollection services) => services.AddHostedService<FirstAdminHostedService>();
}
