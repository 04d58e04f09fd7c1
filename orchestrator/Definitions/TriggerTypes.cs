namespace Pipeline.Orchestrator.Definitions;

/// <summary>Values of <see cref="TriggerDefinition.Type"/>.</summary>
public static class TriggerTypes
{
    public const string Cron = "cron";
    public const string Http = "http";
    public const string Manual = "manual";
    public const string Dataset = "dataset";

    /// <summary>Materializes days of an asset asked for by name (API, CLI, the Assets page): one run fanning out over them.</summary>
    public const string Materialize = "materialize";
}
