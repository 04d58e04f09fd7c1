using Pipeline.Orchestrator.Accounts;

namespace Pipeline.Orchestrator.Auth;

/// <summary>
/// Authorization policy names, one per role (the policy requires that role or a higher one). Endpoints without a
/// policy get <see cref="Viewer"/> (the fallback): a new endpoint is closed to strangers unless it says otherwise.
/// </summary>
public static class AuthPolicies
{
    public const string Viewer = Roles.Viewer;
    public const string Operator = Roles.Operator;
    public const string Editor = Roles.Editor;
    public const string Admin = Roles.Admin;
}
