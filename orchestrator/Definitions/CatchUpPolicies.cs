namespace Pipeline.Orchestrator.Definitions;

/// <summary>Values of <see cref="TriggerDefinition.CatchUp"/>.</summary>
public static class CatchUpPolicies
{
    public const string None = "none";
    public const string Latest = "latest";
    public const string All = "all";
}
