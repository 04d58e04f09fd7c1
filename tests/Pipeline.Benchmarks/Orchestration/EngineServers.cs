using Pipeline.Benchmarks.Cli;
using Pipeline.Testing;

namespace Pipeline.Benchmarks.Orchestration;

/// <summary>
/// The catalog benchmarks' set-up on each database engine asked for with <c>--engine sqlite|postgres|both</c>: a
/// throwaway PostgreSQL database (or the server's own SQLite file) and the real server on it, engine off.
/// </summary>
internal static class EngineServers
{
    /// <summary>One engine's server: its name, its connection string (null on SQLite) and its folder.</summary>
    public sealed record Started(string Engine, string? ConnectionString, string Folder, KeyedServer Server)
    {
        public string SqliteFile => Path.Combine(Folder, "pipeline.db");
    }

    public static string[] Parse(CommandArguments arguments) => (arguments.String("engine") ?? "both") switch
    {
        "both" => ["sqlite", "postgres"],
        "sqlite" => ["sqlite"],
        "postgres" => ["postgres"],
        var other => throw new UsageException($"--engine '{other}': expected sqlite, postgres or both"),
    };

    /// <summary>Runs <paramref name="body"/> once per engine, each on a fresh database and server in <c>workDir/engine</c>.</summary>
    public static async Task ForEachAsync(IEnumerable<string> engines, string workDir, Func<Started, Task> body, CancellationToken cancellationToken)
    {
        foreach (var engine in engines)
        {
            await using var postgres = engine == "postgres" ? await PostgresServer.StartAsync(durable: false, cancellationToken) : null;
            var connectionString = postgres is null ? null : await postgres.CreateDatabaseAsync(cancellationToken);
            var folder = Path.Combine(workDir, engine);
            await using var server = await KeyedServer.StartAsync(folder, new Dictionary<string, string?>
            {
                ["Storage:Database"] = connectionString,
                // The idle engine's passes find SQLite busy while the history is recorded beside it, and say so.
                ["Logging:LogLevel:Pipeline.Orchestrator.Engine"] = "Critical",
            }, cancellationToken);
            await body(new Started(engine, connectionString, folder, server));
        }
    }
}
