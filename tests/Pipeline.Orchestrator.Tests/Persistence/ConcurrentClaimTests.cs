using System.Collections.Concurrent;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class ConcurrentClaimTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Claimers_on_separate_connections_never_claim_the_same_attempt(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var setup = test.Open().Runs;
        var steps = Enumerable.Range(0, 12).Select(i => ($"s{i:D2}", Array.Empty<string>())).ToArray();
        for (var r = 0; r < 20; r++)
        {
            await setup.CreateRunAsync(New("w", T0.AddSeconds(r), steps), None);
        }

        Assert.Equal(20, (await setup.StartQueuedRunsAsync(_ => 100, T0, None)).Count);

        // Four replicas, each with its own store (its own connections), claiming small batches until none is left.
        var claims = new ConcurrentBag<(AttemptKey Key, string Worker)>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claimers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var store = test.Open().Runs;
            var worker = $"worker-{w}";
            await go.Task;
            while (await store.ClaimStepsAsync(worker, 3, T0.AddMinutes(1), TimeSpan.FromMinutes(5), None) is { Count: > 0 } batch)
            {
                foreach (var claimed in batch)
                {
                    claims.Add((claimed.Key, worker));
                }
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(claimers);

        Assert.Equal(240, claims.Count);
        Assert.Equal(240, claims.Select(c => c.Key).Distinct().Count());
        Assert.All(claims, c => Assert.Equal(1, c.Key.Attempt));
        var sample = claims.First();
        var attempts = await setup.GetAttemptsAsync(sample.Key.RunId, None);
        Assert.Equal(12, attempts.Count);
        Assert.Equal(sample.Worker, attempts.Single(a => a.StepId == sample.Key.StepId).WorkerId);
        if (engine == "postgres")
        {
            // SQLite runs writers one at a time, so there one claimer may well take everything.
            Assert.True(claims.Select(c => c.Worker).Distinct().Count() > 1, "the claimers should have run side by side");
        }
    }
}
