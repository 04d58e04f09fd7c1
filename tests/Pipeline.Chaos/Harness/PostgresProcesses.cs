using System.Globalization;
using Npgsql;
using Pipeline.Testing;

namespace Pipeline.Chaos.Harness;

/// <summary>
/// The processes of one throwaway PostgreSQL server, for SIGSTOP/SIGCONT: its postmaster (the parent of the backend
/// that answers <c>pg_backend_pid()</c>) and every child of it. Found through /proc, so no other server on the machine
/// is touched.
/// </summary>
internal static class PostgresProcesses
{
    /// <summary>The postmaster first, then its children: stopped in that order, nothing new is forked meanwhile.</summary>
    public static async Task<IReadOnlyList<int>> OfAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        int backend;
        int? postmaster;
        await using (var connection = new NpgsqlConnection(server.ConnectionString() + ";Pooling=false"))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
            // Read while the connection is open: the backend exits with it.
            postmaster = ParentOf(backend);
        }

        if (postmaster is null)
        {
            throw new InvalidOperationException($"PostgreSQL backend {backend} has no parent in /proc");
        }

        var children = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != backend && ParentOf(pid) == postmaster);
        return [postmaster.Value, .. children];
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
