using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Persistence.Migrations;

/// <summary>One embedded <c>NNNN_name.sql</c> script; its checksum is the SHA-256 of its text with LF line ends.</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    /// <summary>The scripts embedded as <c>Migrations.{Sqlite|Postgres}.NNNN_name.sql</c>, by version.</summary>
    public static IReadOnlyList<MigrationScript> Load(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = dialect.IsSqlite ? "Migrations.Sqlite." : "Migrations.Postgres.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => Read(assembly, n, n[prefix.Length..]))
            .OrderBy(s => s.Version)
            .ToList();
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? scripts : throw new InvalidOperationException($"two {dialect} migration scripts have version {duplicate.Key}");
    }

    private static MigrationScript Read(Assembly assembly, string resource, string fileName)
    {
        var match = FileName().Match(fileName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"migration script '{fileName}' is not named NNNN_name.sql");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // A checkout with CRLF line ends must not look like an edited script.
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new MigrationScript(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, sql, checksum);
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
