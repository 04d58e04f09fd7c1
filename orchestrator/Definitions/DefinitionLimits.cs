namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// How big a workflow definition may be. Generous for real pipelines, but a definition is stored, rendered for every
/// run and drawn in the browser, so a runaway generator cannot make one that stalls the server or the UI.
/// </summary>
public static class DefinitionLimits
{
    /// <summary>The largest definition the API accepts, as JSON bytes.</summary>
    public const int MaxJsonBytes = 1024 * 1024;

    public const int MaxSteps = 500;

    public const int MaxTriggers = 50;

    public const int MaxInputs = 200;
}
