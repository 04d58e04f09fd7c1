using System.Globalization;
using Npgsql;
using Pipeline.Chaos.Harness;
using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>
/// Two replicas, one with its wall clock 2/3 of a lease ahead (libfaketime). If leases were judged by each server's
/// own clock, the fast one would see the other's leases lapse before they are renewed and take running steps over:
/// steps would run twice at once. Skipped, saying why, when libfaketime is missing or does not move .NET's clock.
/// </summary>
internal sealed class ClockSkewScenario : IScenario
{
    // A whole-second offset (libfaketime's "+4s"), 2/3 of this lease.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Offset = TimeSpan.FromSeconds(4);

    public string Name => "clock-skew";

    public string Summary => "two replicas, one with its clock 2/3 of a lease ahead (libfaketime)";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var (library, why) = await FakeClock.FindAsync(cancellationToken);
        if (library is null)
        {
            return Skipped(why);
        }

        var postgres = await context.SharedPostgresAsync(cancellationToken);
        var settings = new RigSettings { Lease = Lease, Database = await postgres.CreateDatabaseAsync(cancellationToken), TriggerInterval = TimeSpan.FromSeconds(1) };
        await using var rig = ScenarioRig.Create(context, Name, settings);
        var fast = await rig.StartServerAsync("a-fast", cancellationToken, environment: FakeClock.Settings(library, Offset));
        var normal = await rig.StartServerAsync("b-normal", cancellationToken);
        // The server's own log timestamps say whether .NET's clock moved, not only date(1)'s.
        if (fast.ClockOffset is not { } measured || measured < Offset * 0.75)
        {
            return Skipped($"libfaketime did not move the server's .NET clock (its log timestamps are {fast.ClockOffset?.TotalSeconds:0.00} s off, {Offset.TotalSeconds:0} s wanted)");
        }

        rig.Notes.Add($"clocks from the servers' log timestamps: {fast.Name} {Signed(measured)} s, {normal.Name} {Signed(normal.ClockOffset ?? TimeSpan.Zero)} s");
        rig.Faults.Add(new Fault("clock skew", rig.StartedAt, rig.StartedAt));
        rig.Triggers.Start();
        await Task.Delay(context.Pick(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(150)), cancellationToken);
        await AddAttemptsPerWorkerAsync(rig, settings.Database, cancellationToken);
        var result = await rig.MeasureAsync(new ScenarioTargets(NoOverlap: true), cancellationToken);
        // The skew has no end to recover from: the column would only time the first step after start-up.
        return result with { Recovery = "-", StepAfterFaultSeconds = null, RunAfterFaultSeconds = null };
    }

    private static string Signed(TimeSpan offset) =>
        (offset >= TimeSpan.Zero ? "+" : "-") + Math.Abs(offset.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);

    private ScenarioResult Skipped(string why) => new()
    {
        Scenario = Name,
        Settings = "-",
        Skipped = why,
        Recovery = "-",
    };

    /// <summary>Both replicas must have worked, or the scenario proves nothing: counted in SQL.</summary>
    private static async Task AddAttemptsPerWorkerAsync(ScenarioRig rig, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT worker_id, count(*) FROM attempts GROUP BY worker_id ORDER BY worker_id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1)}"));
        }

        rig.Notes.Add($"attempts per replica (SQL, so far): {string.Join(", ", counts)}");
    }
}
