namespace Pipeline.Steps.Assets;

/// <summary>
/// What a step over assets does with a partition whose input changed since it was made (late data): <c>eager</c>
/// makes it again in this run; <c>manual</c> leaves it stale (the catalog shows it so) and makes only the partitions
/// that do not exist yet, until a run with <c>eager</c> comes: one started by hand, or a scheduled one (a cron
/// policy is a workflow whose cron trigger passes <c>eager</c> while its dataset trigger passes <c>manual</c>).
/// </summary>
public static class StalePolicy
{
    public const string Eager = "eager";

    public const string Manual = "manual";

    public static readonly string[] All = [Eager, Manual];

    /// <summary>The option's problem, or null: <c>--policy</c> must name one of <see cref="All"/>.</summary>
    public static string? Problem(string? policy) =>
        policy is Eager or Manual ? null : $"--policy must be {string.Join(" or ", All)}, not '{policy}'";
}
