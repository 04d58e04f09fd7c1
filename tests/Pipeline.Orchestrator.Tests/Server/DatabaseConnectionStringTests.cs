using Microsoft.Extensions.Configuration;
using Npgsql;
using Pipeline.Orchestrator.Persistence.Hosting;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

public sealed class DatabaseConnectionStringTests
{
    private static IConfiguration Config(string? database, string? passwordFile) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Database"] = database,
            ["Storage:PasswordFile"] = passwordFile,
        }).Build();

    [Fact]
    public void The_password_comes_from_the_file_without_its_trailing_newline_and_replaces_one_in_the_string()
    {
        using var folder = new TempFolder();
        var file = folder.Sub("password");
        File.WriteAllText(file, "s3cret;with=odd\"chars\n");

        var connection = DatabaseConnectionString.From(Config("Host=postgres;Username=pipeline;Database=pipeline;Password=old", file));

        var parsed = new NpgsqlConnectionStringBuilder(connection);
        Assert.Equal("s3cret;with=odd\"chars", parsed.Password);
        Assert.Equal("postgres", parsed.Host);
        Assert.Equal("pipeline", parsed.Username);
        Assert.Equal("pipeline", parsed.Database);
    }

    [Fact]
    public void Without_a_password_file_the_connection_string_is_used_as_it_is_and_none_means_SQLite()
    {
        Assert.Equal("Host=db;Password=x", DatabaseConnectionString.From(Config("Host=db;Password=x", null)));
        Assert.Null(DatabaseConnectionString.From(Config(null, null)));
    }

    [Fact]
    public void A_missing_or_empty_password_file_or_one_without_a_database_is_refused_naming_the_key()
    {
        using var folder = new TempFolder();
        var empty = folder.Sub("empty");
        File.WriteAllText(empty, "\n");

        var missing = Assert.Throws<InvalidOperationException>(() => DatabaseConnectionString.From(Config("Host=db", folder.Sub("nope"))));
        var blank = Assert.Throws<InvalidOperationException>(() => DatabaseConnectionString.From(Config("Host=db", empty)));
        var alone = Assert.Throws<InvalidOperationException>(() => DatabaseConnectionString.From(Config(null, empty)));

        Assert.Contains("Storage:PasswordFile", missing.Message, StringComparison.Ordinal);
        Assert.Contains("empty", blank.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:Database", alone.Message, StringComparison.Ordinal);
    }
}
