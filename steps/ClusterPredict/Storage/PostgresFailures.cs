using System.Net.Sockets;
using Npgsql;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// Turns PostgreSQL and network errors into step failures with the right exit code: what a retry may fix (server
/// down, connection lost, timeout, deadlock) is 75; a login or database name that is wrong stays wrong, so 78.
/// Messages name the server as host:port/database and never carry the connection string (or its password).
/// </summary>
internal static class PostgresFailures
{
    /// <summary>True for the exceptions <see cref="Classify"/> knows; cancellation is not one of them.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is NpgsqlException or SocketException or TimeoutException;

    public static StepException Classify(Exception exception, string endpoint, string action)
    {
        if (exception is PostgresException server)
        {
            return FromServer(server, endpoint, action);
        }

        if (exception is SocketException or TimeoutException || exception is NpgsqlException { IsTransient: true })
        {
            return StepException.Transient(
                $"PostgreSQL at {endpoint} is unreachable or failed while {action}: {Reason(exception)}; nothing was written, a retry may succeed",
                exception);
        }

        return new StepException(StepExitCodes.Software, $"PostgreSQL client error at {endpoint} while {action}: {Reason(exception)}", null, exception);
    }

    private static StepException FromServer(PostgresException server, string endpoint, string action)
    {
        var state = server.SqlState;
        // 28xxx: invalid authorization (28P01 wrong password, 28000 no pg_hba entry or unknown role).
        if (state.StartsWith("28", StringComparison.Ordinal))
        {
            return new StepException(StepExitCodes.Configuration,
                $"PostgreSQL at {endpoint} refused the login while {action}: {server.MessageText} (check the user and password of the connection string)",
                null, server);
        }

        if (state == PostgresErrorCodes.InvalidCatalogName)
        {
            return new StepException(StepExitCodes.Configuration,
                $"PostgreSQL at {endpoint}: {server.MessageText} (check the Database of the connection string)", null, server);
        }

        if (server.IsTransient)
        {
            return StepException.Transient(
                $"PostgreSQL at {endpoint} failed while {action}: {server.SqlState} {server.MessageText}; nothing was written, a retry may succeed",
                server);
        }

        // 23xxx: the rows themselves break a constraint (such as a sensor-day twice in one run); a retry repeats it.
        if (state.StartsWith("23", StringComparison.Ordinal))
        {
            return new StepException(StepExitCodes.DataError,
                $"PostgreSQL at {endpoint} refused a write while {action}: {server.MessageText}; nothing was written", null, server);
        }

        // 42xxx: a missing table or column, or a privilege the user lacks: the schema or the grants need fixing first.
        if (state.StartsWith("42", StringComparison.Ordinal))
        {
            return new StepException(StepExitCodes.Configuration,
                $"PostgreSQL at {endpoint} failed while {action}: {server.SqlState} {server.MessageText} (is the schema migrated and the user granted?)",
                null, server);
        }

        return new StepException(StepExitCodes.Software,
            $"PostgreSQL at {endpoint} failed while {action}: {server.SqlState} {server.MessageText}", null, server);
    }

    private static string Reason(Exception exception) =>
        exception.InnerException is { } inner && inner.Message != exception.Message
            ? $"{exception.Message} ({inner.Message})"
            : exception.Message;
}
