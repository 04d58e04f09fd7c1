using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Auth;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Users, for admins: add, change role, reset password, disable or enable, delete. The server always keeps an enabled
/// admin, and an admin cannot disable or delete themself (someone must be left to undo it).
/// </summary>
internal static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(AuthPolicies.Admin);
        group.MapGet("/", ListAsync).WithSummary("Every user with role and state");
        group.MapPost("/", CreateAsync).WithSummary("Add a user with a role and an initial password");
        group.MapPatch("/{name}", ChangeAsync).WithSummary("Change a user's role, password, or disabled state (a new password or disabling ends their sessions)");
        group.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a user and their API keys");
    }

    private static async Task<List<UserView>> ListAsync(IAccountStore accounts, CancellationToken cancellationToken) =>
        [.. (await accounts.ListUsersAsync(cancellationToken)).Select(UserView.Of)];

    private static async Task<IResult> CreateAsync(UserCreateRequest request, IAccountStore accounts, Passwords passwords, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = UserNames.Normalize(request.Name ?? "");
        if (NewUserCheck.Problem(name, request.Role, request.Password, passwords) is var (field, message))
        {
            return ApiProblems.InvalidField(field, message);
        }

        var user = new UserAccount
        {
            Name = name, Role = request.Role!, PasswordHash = Passwords.Hash(request.Password!), SecurityStamp = Stamps.New(), CreatedAt = time.GetUtcNow(),
        };
        return await accounts.CreateUserAsync(user, cancellationToken)
            ? TypedResults.Created($"/api/users/{name}", UserView.Of(user))
            : ApiProblems.Conflict($"a user named '{name}' exists");
    }

    private static async Task<IResult> ChangeAsync(string name, UserPatchRequest request, HttpContext context, IAccountStore accounts, Passwords passwords, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request.Role is not null && NewUserCheck.RoleProblem(request.Role) is { } roleProblem)
        {
            return ApiProblems.InvalidField("role", roleProblem);
        }

        if (request.Password is not null && passwords.Problem(request.Password) is { } problem)
        {
            return ApiProblems.InvalidField("password", problem);
        }

        if (request.Disabled == true && IsCaller(context, name))
        {
            return ApiProblems.Conflict("you cannot disable yourself; another admin can");
        }

        var change = new UserChange
        {
            Role = request.Role, PasswordHash = request.Password is null ? null : Passwords.Hash(request.Password), Disabled = request.Disabled, NewSecurityStamp = Stamps.New(),
        };
        return await accounts.ChangeUserAsync(name, change, time.GetUtcNow(), cancellationToken) switch
        {
            AccountChangeOutcome.NotFound => ApiProblems.NotFound($"no user named '{name}'"),
            AccountChangeOutcome.LastAdmin => ApiProblems.Conflict($"'{name}' is the last enabled admin; make another user admin first"),
            _ => TypedResults.Ok(UserView.Of((await accounts.GetUserAsync(name, cancellationToken))!)),
        };
    }

    private static async Task<IResult> DeleteAsync(string name, HttpContext context, IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (IsCaller(context, name))
        {
            return ApiProblems.Conflict("you cannot delete yourself; another admin can");
        }

        return await accounts.DeleteUserAsync(name, cancellationToken) switch
        {
            AccountChangeOutcome.NotFound => ApiProblems.NotFound($"no user named '{name}'"),
            AccountChangeOutcome.LastAdmin => ApiProblems.Conflict($"'{name}' is the last enabled admin; make another user admin first"),
            _ => TypedResults.NoContent(),
        };
    }

    private static bool IsCaller(HttpContext context, string name) => context.User.UserName() == UserNames.Normalize(name);
}
