namespace Pipeline.Chaos.Scenarios;

/// <summary>Every scenario, in the order the suite runs them.</summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new KillStormScenario(),
        new ReplicaKillScenario(),
        new DatabaseOutageScenario("db-stop", Hang: false, Leases.Short, Leases.Short * 2.5, Outages: (1, 4)),
        new DatabaseOutageScenario("db-hang", Hang: true, Leases.Short, Leases.Short * 2, Outages: (1, 4)),
        // The bound for an outage no run may fail by, with the default lease.
        new DatabaseOutageScenario("db-stop-5min", Hang: false, Lease: null, TimeSpan.FromMinutes(5), Outages: (0, 1)),
        new NetworkCutScenario(),
        new ClockSkewScenario(),
        new FullDiskScenario(),
        new DeployScenario(),
    ];
}
