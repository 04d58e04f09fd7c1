using System.ComponentModel;
using System.Text.Json.Serialization;
using Pipeline.Steps.Assets;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.ClusterPredict;

/// <summary>Options of ClusterPredict. The connection string is a secret: environment or config file only.</summary>
public sealed class ClusterPredictOptions : StepOptions
{
    /// <summary>The FeatureCreator's output folder, or a features.parquet file.</summary>
    [Description("The FeatureCreator's output folder, or a features.parquet file.")]
    [RequiredOption]
    [PathOption]
    public string Input { get; set; } = "";

    [Description("With a features asset as --input: the asset to write each day's predictions into; only days whose features changed (or that have none) are predicted, and each day's rows in PostgreSQL are keyed by its partition (run_id '<asset>/day=YYYY-MM-DD').")]
    [PathOption(PathAccess.WriteInto)]
    public string? AssetDir { get; set; }

    [Description("With --asset-dir, what to do with days whose features changed since they were predicted: eager (predict them again now) or manual (leave them stale until an eager run; new days are predicted either way).")]
    public string Policy { get; set; } = StalePolicy.Eager;

    [Description(PartitionOption.Description)]
    public string? Partition { get; set; }

    [Description("The model registry folder.")]
    [RequiredOption]
    [PathOption]
    public string Registry { get; set; } = "";

    /// <summary>The model family to predict with (see FamilyChoice); null: the registry folder itself.</summary>
    [Description("Predict with this model family of the registry, or 'auto': the family whose production model's features the input has (default: the registry itself, no family).")]
    public string? Family { get; set; }

    /// <summary>The model version to use; null means the registry's production version.</summary>
    [Description("Model version to predict with (default: the production version).")]
    public int? ModelVersion { get; set; }

    /// <summary>Identifies this run's rows in PostgreSQL; a re-run with the same id replaces them.</summary>
    [Description("Run id of the rows in PostgreSQL; re-running with the same id replaces them (default: from the input and model version).")]
    public string? RunId { get; set; }

    /// <summary>Npgsql connection string; from CLUSTER_PREDICT_CONNECTION_STRING or the config file, never the command line.</summary>
    [Description("PostgreSQL connection string: environment CLUSTER_PREDICT_CONNECTION_STRING or the config file only.")]
    [SecretOption]
    [JsonIgnore]
    public string? ConnectionString { get; set; }

    /// <summary>A file holding the connection string (a mounted secret).</summary>
    [Description("File holding the PostgreSQL connection string (e.g. a mounted secret).")]
    [PathOption]
    public string? ConnectionStringFile { get; set; }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
        {
            yield return problem;
        }

        if (StalePolicy.Problem(Policy) is { } policy)
        {
            yield return policy;
        }

        if (PartitionOption.Problem(Partition, AssetDir) is { } partition)
        {
            yield return partition;
        }

        if (ModelVersion is < 1)
        {
            yield return "--model-version must be at least 1";
        }

        if (RunId is { Length: 0 or > 200 })
        {
            yield return "--run-id must be 1 to 200 characters";
        }
    }

    /// <summary>Whether predictions go to PostgreSQL too.</summary>
    public bool WritesDatabase => !string.IsNullOrEmpty(ConnectionString) || !string.IsNullOrEmpty(ConnectionStringFile);
}
