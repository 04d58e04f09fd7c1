using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Pipeline.Orchestrator.Persistence.Hosting;

/// <summary>
/// The PostgreSQL connection string from configuration: <c>Storage:Database</c>, with its password taken from the
/// file <c>Storage:PasswordFile</c> when set (a Docker or Kubernetes secret), so the password is in neither the
/// connection string nor the environment.
/// </summary>
public static class DatabaseConnectionString
{
    public static string? From(IConfiguration configuration)
    {
        var database = configuration["Storage:Database"];
        var passwordFile = configuration["Storage:PasswordFile"];
        if (string.IsNullOrEmpty(passwordFile))
        {
            return database;
        }

        if (string.IsNullOrEmpty(database))
        {
            throw new InvalidOperationException("configuration: Storage:PasswordFile is set but Storage:Database is not; the password file is for the PostgreSQL connection string");
        }

        string password;
        try
        {
            // Secret files usually end with the newline an editor or `echo` added; it is not part of the password.
            password = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"configuration: Storage:PasswordFile {passwordFile} cannot be read: {e.Message}", e);
        }

        if (password.Length == 0)
        {
            throw new InvalidOperationException($"configuration: Storage:PasswordFile {passwordFile} is empty");
        }

        return new NpgsqlConnectionStringBuilder(database) { Password = password }.ConnectionString;
    }
}
