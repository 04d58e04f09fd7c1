namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// What starts a run: a cron schedule, an HTTP endpoint, a dataset arriving (uploaded or registered through the
/// API) or a manual call (API, CLI, UI). Every workflow can be started manually; a <c>manual</c> trigger only
/// documents inputs a person is expected to give.
/// </summary>
public sealed record TriggerDefinition
{
    /// <summary><c>cron</c>, <c>http</c>, <c>dataset</c>, <c>materialize</c> or <c>manual</c>.</summary>
    public required string Type { get; init; }

    /// <summary>cron: a five-field (or six, with seconds) cron expression, read by Cronos.</summary>
    public string? Schedule { get; init; }

    /// <summary>cron: the IANA time zone the schedule is read in; UTC when absent.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// cron: what to do with due times missed while no server was running: <c>none</c> skips them, <c>latest</c>
    /// (the default) fires the most recent one, <c>all</c> fires each of them.
    /// </summary>
    public string CatchUp { get; init; } = CatchUpPolicies.Latest;

    /// <summary>http: the path under <c>/hooks/</c> that starts a run (lower-case letters, digits, dashes, slashes).</summary>
    public string? Path { get; init; }

    /// <summary>http: whether the caller waits for the run to end and gets its result (up to a time limit).</summary>
    public bool Wait { get; init; }

    /// <summary>
    /// dataset: the <c>path</c> input that is set to the new dataset's file. materialize: the string input set to
    /// the days asked for (days and <c>from..to</c> ranges, as a partitioned step's <c>keys</c> read them).
    /// </summary>
    public string? Input { get; init; }

    /// <summary>materialize: the asset whose days this workflow makes when they are asked for by name.</summary>
    public string? Asset { get; init; }

    /// <summary>
    /// dataset: the string input set to the dataset's time zone (given at upload, UTC otherwise), so the run reads
    /// its times as its profile did; the workflow's own default is kept when absent.
    /// </summary>
    public string? TimeZoneInput { get; init; }

    /// <summary>
    /// dataset: which datasets start a run, by name (<c>*</c> any characters, <c>?</c> one; case-insensitive);
    /// every dataset when absent.
    /// </summary>
    public string? Pattern { get; init; }

    /// <summary>Input values this trigger sets, over the workflow's defaults.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
}
