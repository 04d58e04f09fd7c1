using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pipeline.Orchestrator.Persistence;

/// <summary>
/// Chooses the database. A connection string starting with <c>postgres://</c> or <c>postgresql://</c> (a URI), or
/// containing <c>Host=</c> (Npgsql key-value form), means PostgreSQL; nothing (null or blank) means the embedded
/// SQLite database in <c>sqliteFile</c>, created when missing. Anything else is refused rather than guessed.
/// </summary>
public static class OrchestratorStorage
{
    /// <summary>Opens (does not migrate) the database; call <see cref="OrchestratorDatabase.MigrateAsync"/> next.</summary>
    public static OrchestratorDatabase Open(string? connectionString, string sqliteFile, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(sqliteFile);
            var full = Path.GetFullPath(sqliteFile);
            if (Path.GetDirectoryName(full) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            var sqlite = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
            return new OrchestratorDatabase(null, sqlite, full, time);
        }

        var builder = IsUri(connectionString) ? FromUri(connectionString)
            : connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? new NpgsqlConnectionStringBuilder(connectionString)
            : throw new ArgumentException("the database connection string is neither a postgres:// URI nor Npgsql's Host=...;Database=... form", nameof(connectionString));
        var endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        return new OrchestratorDatabase(new NpgsqlDataSourceBuilder(WithTimeouts(builder).ConnectionString).Build(), null, endpoint, time);
    }

    /// <summary>
    /// Npgsql's defaults (15 s to connect or wait for a pooled connection, 30 s per command, and as long again for
    /// the cancel request a timed-out command sends to a server that does not answer) let a hung database server
    /// hold every request for a minute. The server's own statements take milliseconds (migrations wait without a
    /// limit), so it waits 5 s to connect and 5 s per command and does not wait for cancellations: a request fails
    /// with 503 within about 10 s. A connection string that sets any of the three keeps its own value.
    /// </summary>
    internal static NpgsqlConnectionStringBuilder WithTimeouts(NpgsqlConnectionStringBuilder builder)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = 5;
        }

        if (!given.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = 5;
        }

        if (!given.ContainsKey("Cancellation Timeout"))
        {
            builder.CancellationTimeout = -1;
        }

        return builder;
    }

    /// <summary>Opens and migrates: what a server does at start-up.</summary>
    public static async Task<OrchestratorDatabase> OpenAndMigrateAsync(string? connectionString, string sqliteFile, TimeProvider? time, CancellationToken cancellationToken)
    {
        var database = Open(connectionString, sqliteFile, time);
        try
        {
            await database.MigrateAsync(cancellationToken);
            return database;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static bool IsUri(string s) =>
        s.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>postgres://user:password@host:port/database?key=value</c>; query keys are Npgsql keywords.</summary>
    private static NpgsqlConnectionStringBuilder FromUri(string s)
    {
        var uri = new Uri(s);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }

        return builder;
    }
}
