using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// API keys: every user manages their own (a key's role is at most its creator's); admins see and revoke everyone's.
/// The secret is in the creation response only; the server keeps its SHA-256.
/// </summary>
internal static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("API keys");
        group.MapGet("/", ListAsync).WithSummary("Your API keys (all=true: everyone's, for admins)");
        group.MapPost("/", CreateAsync).WithSummary("Create an API key; the response is the only time its secret is shown").CarriesSecrets();
        group.MapDelete("/{id}", RevokeAsync).WithSummary("Revoke a key (your own, or any for admins)");
    }

    private static async Task<IResult> ListAsync(bool? all, HttpContext context, IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (all == true && !context.User.IsInRole(Roles.Admin))
        {
            return TypedResults.Problem($"listing everyone's keys needs the admin role; {context.User.UserName()} is a {context.User.Role()}", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var keys = await accounts.ListKeysAsync(all == true ? null : context.User.UserName(), cancellationToken);
        return TypedResults.Ok(keys.Select(ApiKeyView.Of).ToList());
    }

    private static async Task<IResult> CreateAsync(ApiKeyCreateRequest request, HttpContext context, IAccountStore accounts, AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return ApiProblems.InvalidField("name", "a key needs a name of 1 to 100 characters (what it is for)");
        }

        if (ControlCharacters.Problem(name) is { } control)
        {
            return ApiProblems.InvalidField("name", $"a key's name {control}");
        }

        var callerRole = context.User.Role()!;
        var role = request.Role ?? callerRole;
        if (!Roles.IsKnown(role) || !Roles.Includes(callerRole, role))
        {
            return ApiProblems.InvalidField("role", $"the role must be one of {string.Join(", ", Roles.Implied(callerRole))} (at most your own)");
        }

        var days = request.ExpiresInDays ?? options.DefaultKeyDays;
        if (days < 1 || days > options.MaxKeyDays)
        {
            return ApiProblems.InvalidField("expiresInDays", $"a key expires after 1 to {options.MaxKeyDays} days");
        }

        var secret = ApiKeySecrets.Generate();
        var now = time.GetUtcNow();
        var key = new ApiKeyRecord
        {
            Id = ApiKeySecrets.NewId(), KeyHash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret), Name = name,
            UserName = context.User.UserName(), Role = role, CreatedAt = now, ExpiresAt = now.AddDays(days),
        };
        await accounts.CreateKeyAsync(key, cancellationToken);
        return TypedResults.Created($"/api/keys/{key.Id}", new ApiKeyCreatedView(key, secret));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, IAccountStore accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await accounts.GetKeyAsync(id, cancellationToken);
        // Someone else's key is "not found" to a non-admin: key ids are not theirs to learn about.
        if (key is null || (key.UserName != context.User.UserName() && !context.User.IsInRole(Roles.Admin)))
        {
            return ApiProblems.NotFound($"no API key '{id}' of yours");
        }

        await accounts.RevokeKeyAsync(id, time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
