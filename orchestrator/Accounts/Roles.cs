namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// The four roles, each including the ones before it: a viewer reads; an operator also starts, retries and cancels
/// runs; an editor also changes and publishes workflows; an admin also manages users and everyone's API keys.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>Lowest first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Editor, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);

    /// <summary>Whether someone with <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Includes(string held, string needed) => IsKnown(held) && IsKnown(needed) && Rank(held) >= Rank(needed);

    /// <summary>The role and every role below it: what a principal's role claims list.</summary>
    public static IEnumerable<string> Implied(string role) => All.Take(Rank(role) + 1);

    /// <summary>The lower of two roles (a key never acts with more than its user now has).</summary>
    public static string Lower(string a, string b) => Rank(a) <= Rank(b) ? a : b;

    private static int Rank(string role) => All.ToList().IndexOf(role);
}
