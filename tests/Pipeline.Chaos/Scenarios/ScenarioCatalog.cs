namespace Pipeline.Chaos.Scenarios;

/// <summary>Every scenario, in the order the suite runs them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new KillStormScenario(),
        new ReplicaKillScenario(),
        new DatabaseStopScenario(),
        new DatabaseHangScenario(),
        new NetworkCutScenario(),
        new ClockSkewScenario(),
        new FullDiskScenario(),
        new DeployScenario(),
    ];
}
