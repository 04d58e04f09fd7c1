using System.CommandLine;

namespace Pipeline.Orchestrator.Cli;

/// <summary>Options every command takes: which database, data root and workflows folder.</summary>
internal static class CliOptions
{
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "PostgreSQL connection string (Host=...;Database=...); default: the SQLite file (--sqlite)",
        Recursive = true,
    };

    public static readonly Option<string?> Sqlite = new("--sqlite")
    {
        Description = "The embedded SQLite database file (default .pipeline/pipeline.db)",
        Recursive = true,
    };

    public static readonly Option<string?> DataRoot = new("--data-root")
    {
        Description = "Where step outputs and logs go (default .pipeline/data)",
        Recursive = true,
    };

    public static readonly Option<string?> Workflows = new("--workflows")
    {
        Description = "The folder of workflow definitions published at start (default workflows)",
        Recursive = true,
    };

    /// <summary>The options given, as configuration keys over appsettings and environment.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        Add(overrides, "Storage:Database", parse.GetValue(Database));
        Add(overrides, "Storage:SqliteFile", parse.GetValue(Sqlite));
        Add(overrides, "Engine:DataRoot", parse.GetValue(DataRoot));
        Add(overrides, "Workflows:Folder", parse.GetValue(Workflows));
        return overrides;
    }

    private static void Add(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
