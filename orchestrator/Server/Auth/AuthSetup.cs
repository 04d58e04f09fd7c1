using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Who may use the server: session cookies for the UI (with antiforgery tokens), API keys for scripts and the CLI's
/// HTTP use, a role policy per endpoint, the first admin at start-up. Requests carrying an API key are authenticated
/// by it alone; others by the session cookie.
/// </summary>
public static class AuthSetup
{
    public const string SessionCookie = "pipeline.session";
    private const string SelectScheme = "Pipeline";

    public static IServiceCollection AddPipelineAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFirstAdmin();
        services.AddSingleton<SessionValidation>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationResponses>();
        services.AddDataProtection().SetApplicationName("pipeline-server");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRing(provider.GetRequiredService<IAccountStore>())));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfProtection.HeaderName;
            o.Cookie.Name = "pipeline.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // SecurityHeaders sends DENY already; antiforgery's own SAMEORIGIN would be weaker.
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication(SelectScheme)
            .AddPolicyScheme(SelectScheme, "API key or session", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.Handles(context) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionValidation);
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<AuthOptions>((cookie, auth) => cookie.ExpireTimeSpan = auth.SessionIdleTimeout);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Viewer, p => p.RequireRole(Roles.Viewer))
            .AddPolicy(AuthPolicies.Operator, p => p.RequireRole(Roles.Operator))
            .AddPolicy(AuthPolicies.Editor, p => p.RequireRole(Roles.Editor))
            .AddPolicy(AuthPolicies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireRole(Roles.Viewer).Build());
        return services;
    }

    /// <summary>Authentication, authorization and the CSRF check, after the UI's static files (which need no sign-in).</summary>
    public static IApplicationBuilder UsePipelineAuth(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCsrfProtection();
        return app;
    }
}
