using System.Globalization;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Testing;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// Orchestration overhead per step: a chain of trivial steps (each waits for the one before) and a fan-out of
/// parallel ones, run by the workflow server's engine on SQLite and on PostgreSQL, against the same commands
/// started straight from C# (the floor); and one partitioned step fanning out into N day partitions (issue #23's
/// target: at most 15 ms of overhead per partition attempt). Reports ready → started p50/p99 and the overhead per step.
/// </summary>
internal static class OrchestrationCommand
{
    private const double TargetMsPerStep = 15;

    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var chain = arguments.Int32("chain", 1) ?? 200;
        var fanOut = arguments.Int32("fan-out", 1) ?? 500;
        var parallel = arguments.Int32("parallel", 1) ?? 8;
        var partitions = arguments.Int32("partitions", 1) ?? 1000;
        var work = Path.GetFullPath(arguments.String("work-dir") ?? Path.Combine(".work", "bench", "orchestration"));
        arguments.EnsureAllUsed();

        IngestFiles.Recreate(work);
        output.WriteLine("starting a throwaway PostgreSQL server (fsync on) ...");
        await using var postgres = await PostgresServer.StartAsync(durable: true, cancellationToken);

        var sequentialFloor = await DirectBaseline.SequentialSecondsAsync(chain, cancellationToken);
        var parallelFloor = await DirectBaseline.ParallelSecondsAsync(fanOut, parallel, cancellationToken);
        var partitionFloor = await DirectBaseline.ParallelSecondsAsync(partitions, parallel, cancellationToken);
        var rows = new List<string[]>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            await using var services = await EngineHarness.StartAsync(
                engine == "sqlite" ? null : await postgres.CreateDatabaseAsync(cancellationToken), Path.Combine(work, engine), parallel, cancellationToken);

            var c = await EngineHarness.RunAsync(services, "bench-chain", TrivialWorkflow.Chain("bench-chain", chain), cancellationToken);
            Expect(c, chain, "chain");
            rows.Add(Row(engine, $"chain of {chain}", c, chain, sequentialFloor));

            var f = await EngineHarness.RunAsync(services, "bench-fan-out", TrivialWorkflow.FanOut("bench-fan-out", fanOut), cancellationToken);
            Expect(f, fanOut, "fan-out");
            rows.Add(Row(engine, $"fan-out of {fanOut}", f, fanOut, parallelFloor));

            // One partitioned step: its own attempt fans out, then one step run per day.
            var p = await EngineHarness.RunAsync(services, "bench-partitions", TrivialWorkflow.Partitioned("bench-partitions", partitions), cancellationToken);
            Expect(p, partitions + 1, "partitioned");
            rows.Add(Row(engine, $"{partitions} partitions", p, partitions, partitionFloor));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Orchestration overhead: {TrivialWorkflow.Command} steps, up to {parallel} at once, {Environment.ProcessorCount} cores"));
        output.WriteLine(Invariant($"Floor (the same commands started directly): {sequentialFloor * 1000 / chain:F2} ms each in sequence, {parallelFloor * 1000 / fanOut:F2} ms each {parallel} at a time"));
        output.WriteLine();
        string[] header = ["database", "shape", "wall s", "ms/step", "floor ms/step", "overhead ms/step", "ready->started p50", "p99"];
        output.WriteLine(string.Join(" | ", header));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join(" | ", row));
        }

        output.WriteLine();
        output.WriteLine(Invariant($"Target: at most {TargetMsPerStep} ms of overhead per step (Airflow's best published figure is about 1 s between dependent tasks)."));
        return ExitCodes.Success;
    }

    private static string[] Row(string engine, string shape, ShapeResult result, int steps, double floorSeconds) =>
    [
        engine,
        shape,
        Invariant($"{result.WallSeconds:F2}"),
        Invariant($"{result.WallSeconds * 1000 / steps:F2}"),
        Invariant($"{floorSeconds * 1000 / steps:F2}"),
        Invariant($"{(result.WallSeconds - floorSeconds) * 1000 / steps:F2}"),
        Invariant($"{Percentiles.Of(result.ReadyToStartedMs, 50):F1} ms"),
        Invariant($"{Percentiles.Of(result.ReadyToStartedMs, 99):F1} ms"),
    ];

    private static void Expect(ShapeResult result, int steps, string shape)
    {
        if (result.State != RunState.Succeeded || result.Succeeded != steps || result.Attempts != steps)
        {
            throw new SideFailedException($"the {shape} run ended {StateNames.Of(result.State)} with {result.Succeeded} of {steps} steps succeeded in {result.Attempts} attempts");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
