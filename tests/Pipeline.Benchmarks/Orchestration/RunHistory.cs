using System.Diagnostics;
using System.Globalization;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Persistence;
using Pipeline.Testing;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>A long run history: ended runs of ten workflows, one in ten failed, made through the store as a server would.</summary>
internal static class RunHistory
{
    /// <summary>
    /// A throwaway PostgreSQL server with a migrated database holding <paramref name="count"/> runs (and whatever
    /// <paramref name="more"/> adds), for the API benchmarks that read a long history; dispose the server after.
    /// </summary>
    public static async Task<(PostgresServer Server, string ConnectionString)> StartSeededAsync(
        int count, int stepsPerRun, TextWriter output, Func<OrchestratorDatabase, Task>? more, CancellationToken cancellationToken)
    {
        output.WriteLine("starting a throwaway PostgreSQL server ...");
        var postgres = await PostgresServer.StartAsync(durable: false, cancellationToken);
        var connectionString = await postgres.CreateDatabaseAsync(cancellationToken);
        await using var database = OrchestratorStorage.Open(connectionString, "unused");
        await database.MigrateAsync(cancellationToken);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database.Runs, count, stepsPerRun, cancellationToken);
        if (more is not null)
        {
            await more(database);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} runs, {count * stepsPerRun:N0} step runs in {seeding.Elapsed.TotalSeconds:F1} s"));
        return (postgres, connectionString);
    }

    public static async Task SeedAsync(IRunStore runs, int count, int stepsPerRun, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var created = start.AddMinutes(i);
            var failed = i % 10 == 0;
            var run = new RunRecord
            {
                Id = RunIds.New(created),
                WorkflowId = $"wf-{i % 10}",
                WorkflowVersion = 1,
                State = failed ? RunState.Failed : RunState.Succeeded,
                TriggeredBy = "cron",
                LogicalDate = created,
                CreatedAt = created,
                StartedAt = created,
                FinishedAt = created.AddSeconds(30),
                Error = failed ? "step 's3' failed: exited with code 70" : null,
            };
            var steps = Enumerable.Range(0, stepsPerRun).Select(s => new StepRunRecord
            {
                RunId = run.Id,
                StepId = $"s{s}",
                DependsOn = s == 0 ? [] : [$"s{s - 1}"],
                State = failed && s == stepsPerRun - 1 ? StepState.Failed : StepState.Succeeded,
                Attempts = 1,
                ReadyAt = created,
                StartedAt = created,
                FinishedAt = created.AddSeconds(30),
                Spec = new StepSpec { Command = "/bin/true", OutputFolder = $"/data/runs/{run.Id}/s{s}" },
            }).ToList();
            await runs.CreateRunAsync(new NewRun(run, steps, null), ct);
        });
    }
}
