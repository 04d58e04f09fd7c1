namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>An embedded <c>NNNN_name.sql</c> schema script and its checksum.</summary>
internal sealed record MigrationScript(int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";
}
