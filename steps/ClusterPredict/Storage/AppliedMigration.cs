namespace Pipeline.Steps.ClusterPredict.Storage;

/// <summary>A schema script that <see cref="SchemaMigrator.MigrateAsync"/> applied.</summary>
/// <param name="Version">The script's number, <c>NNNN</c> in <c>NNNN_name.sql</c>.</param>
/// <param name="Name">The rest of the file name, without <c>.sql</c>.</param>
/// <param name="Checksum">SHA-256 of the script (line endings normalised to LF), lower-case hex.</param>
public sealed record AppliedMigration(int Version, string Name, string Checksum);
