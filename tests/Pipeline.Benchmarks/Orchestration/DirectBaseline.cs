using System.Diagnostics;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The floor an orchestrator is measured against: the same trivial commands started straight from C#, with no
/// database, no scheduling, no logs, in sequence (the chain) or with the same parallelism (the fan-out).
/// </summary>
internal static class DirectBaseline
{
    public static async Task<double> SequentialSecondsAsync(int count, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await RunOnceAsync(cancellationToken);
        }

        return watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> ParallelSecondsAsync(int count, int parallel, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (_, ct) => await RunOnceAsync(ct));
        return watch.Elapsed.TotalSeconds;
    }

    private static async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(TrivialWorkflow.Command) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync(cancellationToken);
    }
}
