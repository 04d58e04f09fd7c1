namespace Pipeline.Orchestrator.Accounts;

/// <summary>What a new user's name, role and password must be; the API and the CLI refuse the same things.</summary>
public static class NewUserCheck
{
    /// <summary>The first field that is wrong and why, or null when all are acceptable.</summary>
    public static (string Field, string Message)? Problem(string name, string? role, string? password, Passwords passwords) =>
        !UserNames.IsValid(name) ? ("name", $"a user name is {UserNames.Rule}")
        : RoleProblem(role) is { } roleProblem ? ("role", roleProblem)
        : passwords.Problem(password) is { } passwordProblem ? ("password", passwordProblem)
        : null;

    public static string? RoleProblem(string? role) => Roles.IsKnown(role) ? null : $"the role must be one of {string.Join(", ", Roles.All)}";
}
