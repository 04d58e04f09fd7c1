namespace Pipeline.Steps.Migrations;

/// <summary>An embedded <c>NNNN_name.sql</c> schema script.</summary>
/// <param name="Version">The script's number, <c>NNNN</c> in <c>NNNN_name.sql</c>.</param>
/// <param name="Name">The rest of the file name, without <c>.sql</c>.</param>
/// <param name="Sql">The script's text, line endings normalised to LF.</param>
/// <param name="Checksum">SHA-256 of <paramref name="Sql"/>, lower-case hex.</param>
public sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";
}
