using Npgsql;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>
/// Where the PostgreSQL connection string comes from, and how to mention a server without its password. The
/// string comes either from configuration (<c>CLUSTER_PREDICT_CONNECTION_STRING</c> or the <c>--config</c> JSON
/// file) or from a secret file (such as <c>/run/secrets/...</c>): exactly one of them, never the command line,
/// where every user of the machine could read it in the process list.
/// </summary>
public static class PostgresConnection
{
    /// <summary>Returns the connection string from exactly one of the two sources, or fails with exit code 78.</summary>
    /// <param name="configured">The connection string from configuration, or null/empty when not set.</param>
    /// <param name="secretFile">A file that holds the connection string (trimmed), or null/empty when not set.</param>
    public static string Resolve(string? configured, string? secretFile)
    {
        var hasValue = !string.IsNullOrWhiteSpace(configured);
        var hasFile = !string.IsNullOrWhiteSpace(secretFile);
        if (hasValue == hasFile)
        {
            throw Misconfigured(hasValue
                ? "the PostgreSQL connection string is set both in configuration and as a secret file; set exactly one"
                : "no PostgreSQL connection string: set it in configuration (CLUSTER_PREDICT_CONNECTION_STRING or the --config file) or give a secret file");
        }

        var connectionString = hasValue ? configured!.Trim() : ReadSecret(secretFile!);
        Validate(connectionString, hasValue ? "the configured connection string" : $"the connection string in {secretFile}");
        return connectionString;
    }

    /// <summary>The connection string with its password replaced by <c>***</c>, safe for logs and messages.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // An unparseable string may still hold a password somewhere: say nothing of its content.
            return "(unparseable connection string)";
        }
    }

    /// <summary>The server as <c>host:port/database</c>, for messages.</summary>
    public static string Endpoint(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}";
    }

    private static string ReadSecret(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Misconfigured($"cannot read the PostgreSQL secret file {path}: {e.Message}");
        }

        return string.IsNullOrWhiteSpace(text) ? throw Misconfigured($"the PostgreSQL secret file {path} is empty") : text.Trim();
    }

    private static void Validate(string connectionString, string what)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The builder's message names the bad keyword only, never a value.
            throw Misconfigured($"{what} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }

    private static StepException Misconfigured(string message) => new(StepExitCodes.Configuration, message);
}
