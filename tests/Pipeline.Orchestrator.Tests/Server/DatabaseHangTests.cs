using System.Diagnostics;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A hung PostgreSQL (its processes stopped with SIGSTOP: connections open, nothing answers) must not hold requests
/// for the whole hang: a real server answers 503 within its database time limits, and works again once it is back.
/// </summary>
public sealed class DatabaseHangTests
{
    [Fact]
    public async Task Requests_fail_within_the_time_limits_while_the_database_hangs_and_work_again_after()
    {
        await using var postgres = await PostgresServer.StartAsync(durable: false, CancellationToken.None);
        var database = await postgres.CreateDatabaseAsync(CancellationToken.None);
        using var folder = new TempFolder("db-hang");
        await using var server = await ServerProcess.StartAsync(["--db", database], folder.Sub("data"), folder.Sub("workflows", create: true), new Dictionary<string, string>());
        using var api = new ApiClient(server.BaseUrl);
        // Pooled connections exist: the hang catches them mid-use, not only new ones.
        await api.GetJsonAsync("/api/runs");

        await postgres.PauseAsync();
        int runs, ready;
        TimeSpan runsTook, readyTook;
        try
        {
            var watch = Stopwatch.StartNew();
            (runs, _) = await api.SendAsync(HttpMethod.Get, "/api/runs");
            runsTook = watch.Elapsed;
            watch.Restart();
            (ready, _) = await api.SendAsync(HttpMethod.Get, "/readyz");
            readyTook = watch.Elapsed;
        }
        finally
        {
            await postgres.ResumeAsync();
        }

        var context = $"/api/runs {runs} after {runsTook.TotalSeconds:F1} s, /readyz {ready} after {readyTook.TotalSeconds:F1} s\n{server.Output}";
        Assert.True(runs == 503 && ready == 503, context);
        // Bounds, not speeds: with Npgsql's defaults a request waited 30 s and more; the limits are 5 s to connect,
        // 10 s per command, 3 s for the readiness check.
        Assert.True(runsTook < TimeSpan.FromSeconds(20), context);
        Assert.True(readyTook < TimeSpan.FromSeconds(8), context);
        await api.GetJsonAsync("/api/runs");
    }
}
