using System.Diagnostics;
using System.Text.Json;
using Pipeline.Chaos.Cli;
using Pipeline.Chaos.Measuring;
using Pipeline.Chaos.Report;
using Pipeline.Chaos.Scenarios;

namespace Pipeline.Chaos;

/// <summary>Runs the chosen scenarios one after another, prints the table, writes the JSON, and says which targets were missed.</summary>
internal static class ChaosCli
{
    private const int Missed = 1;
    private const int Usage = 64;
    private const int Cancelled = 130;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ChaosOptions options;
        try
        {
            options = ChaosOptions.Parse(args);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message} (see --help)");
            return Usage;
        }

        if (options.Help)
        {
            await output.WriteLineAsync(HelpText());
            return 0;
        }

        var dll = options.ServerDll ?? DefaultServerDll();
        var startedAt = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var form = options.Long ? "long" : "short";
        var built = File.Exists(dll) ? File.GetLastWriteTimeUtc(dll) : default;
        await output.WriteLineAsync($"chaos suite, {form} form, seed {options.Seed}, server {dll} (built {built:yyyy-MM-dd HH:mm:ss} UTC)");
        await output.WriteLineAsync($"scenarios: {string.Join(", ", options.Scenarios.Select(s => s.Name))}");
        var results = new List<ScenarioResult>();
        await using (var context = new ScenarioContext { Long = options.Long, ServerDll = dll, Random = new Random(options.Seed), Output = output, Keep = options.Keep })
        {
            foreach (var scenario in options.Scenarios)
            {
                await output.WriteLineAsync($"== {scenario.Name}: {scenario.Summary}");
                try
                {
                    results.Add(await scenario.RunAsync(context, cancellationToken));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await error.WriteLineAsync("cancelled: stopping servers and PostgreSQL");
                    return Cancelled;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A scenario that could not run is a missed target, never a silent gap in the table.
                    await error.WriteLineAsync($"{scenario.Name} did not complete: {e}");
                    results.Add(new ScenarioResult { Scenario = scenario.Name, Settings = "-", Recovery = "-", Misses = [$"did not complete: {e.Message}"] });
                }
            }
        }

        var met = results.All(r => r.Misses.Count == 0);
        await output.WriteLineAsync();
        await output.WriteLineAsync(ResultTable.Markdown(results));
        await output.WriteLineAsync($"{form} form took {watch.Elapsed.TotalSeconds:0} s");
        if (File.Exists(dll) && File.GetLastWriteTimeUtc(dll) != built)
        {
            // Another engineer may rebuild the server meanwhile: say so rather than let two builds pass as one.
            await output.WriteLineAsync($"note: the server was rebuilt during the suite ({File.GetLastWriteTimeUtc(dll):HH:mm:ss} UTC): later scenarios ran a newer build");
        }
        if (options.JsonPath is { } json)
        {
            var report = new ChaosReport(form, options.Seed, startedAt, Math.Round(watch.Elapsed.TotalSeconds, 1), dll, met, results);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, ChaosJsonContext.Default.ChaosReport), cancellationToken);
            await output.WriteLineAsync($"wrote {json}");
        }

        if (met)
        {
            await output.WriteLineAsync("all targets met");
            return 0;
        }

        await output.WriteLineAsync("targets missed:");
        foreach (var result in results.Where(r => r.Misses.Count > 0))
        {
            await output.WriteLineAsync($"  {result.Scenario}: {string.Join("; ", result.Misses)}");
        }

        return options.NoFail ? 0 : Missed;
    }

    /// <summary>The server as the repository builds it (Release, beside Pipeline.sln above this program).</summary>
    private static string DefaultServerDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                return Path.Combine(dir.FullName, "orchestrator", "Server", "bin", "Release", "net10.0", "Pipeline.Orchestrator.dll");
            }
        }

        return Path.GetFullPath(Path.Combine("orchestrator", "Server", "bin", "Release", "net10.0", "Pipeline.Orchestrator.dll"));
    }

    private static string HelpText() =>
        "dotnet run -c Release --project tests/Pipeline.Chaos -- [--short|--long] [--scenario a,b] [--no-fail] [--json file] [--server-dll path] [--seed n] [--keep]\n\n" +
        "  --short        all scenarios with few faults, a few minutes (default)\n" +
        "  --long         more faults and runs (30+ kills), 15-20 minutes\n" +
        "  --no-fail      report only: exit 0 even when a target is missed\n" +
        "  --keep         keep each scenario's folder under /tmp (journal.log, logs/)\n\n" +
        "scenarios:\n" + string.Join('\n', ScenarioCatalog.All.Select(s => $"  {s.Name,-13} {s.Summary}")) + "\n\n" +
        "exit codes: 0 targets met, 1 a target missed, 64 bad command line, 130 cancelled";
}
