namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// The first admin every test server is started with (<c>Auth:Admin</c>): its API key is what <see cref="ApiClient"/>
/// sends, so tests about runs and workflows act as an admin; authentication tests make their own users and keys.
/// </summary>
public static class TestAuth
{
    public const string AdminName = "admin";

    public static readonly string AdminPassword = "test-" + Guid.NewGuid().ToString("N");

    public static readonly string AdminKey = Pipeline.Orchestrator.Accounts.ApiKeySecrets.Generate();

    /// <summary>The configuration that makes that admin, as in-memory overrides.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Admin:Name"] = AdminName,
        ["Auth:Admin:Password"] = AdminPassword,
        ["Auth:Admin:ApiKey"] = AdminKey,
    };

    /// <summary>The same, as environment variables for a server process.</summary>
    public static Dictionary<string, string> Environment() =>
        Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
}
