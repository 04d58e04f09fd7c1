namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Which published version a retry, re-run from failure or re-run uses: <c>run</c>, the run's own (the default, as
/// before the choice existed), or <c>latest</c>, the workflow's latest published version (a fix published since).
/// </summary>
public sealed record RerunRequest(string? Version)
{
    public const string RunVersion = "run";

    public const string LatestVersion = "latest";
}
