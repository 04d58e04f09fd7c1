using System.ComponentModel;
using Pipeline.Steps.Assets;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Features;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.FeatureCreator;

/// <summary>Options of the FeatureCreator; lists default to null so the binder never appends to a default.</summary>
public sealed class FeatureCreatorOptions : StepOptions
{
    /// <summary>The Chunker's output folder (or any folder of Parquet chunks with the same columns).</summary>
    [Description("The Chunker's output folder; without _manifest.json every *.parquet under it is read.")]
    [RequiredOption]
    [PathOption]
    public string Input { get; set; } = "";

    /// <summary>With an asset folder as <see cref="Input"/>: the asset to write the features of each day partition into.</summary>
    [Description("Asset folder for the features, one day partition per input partition; --input must then be an asset (the Chunker's --asset-dir). Only partitions whose input changed are computed.")]
    [PathOption(PathAccess.WriteInto)]
    public string? AssetDir { get; set; }

    /// <summary>With <see cref="AssetDir"/>: eager re-makes the days whose readings changed; manual leaves them stale.</summary>
    [Description("With --asset-dir, what to do with days whose readings changed since their features were made: eager (make them again now) or manual (leave them stale until an eager run; new days are made either way).")]
    public string Policy { get; set; } = StalePolicy.Eager;

    [Description(PartitionOption.Description)]
    public string? Partition { get; set; }

    /// <summary>Value columns to compute features for; null means every value column of the input.</summary>
    [Description("Value columns to compute features for (default: every value column of the input).")]
    public string[]? Columns { get; set; }

    /// <summary>Statistics to compute per value column; null means all of them.</summary>
    /// <summary>Sensor attribute columns; null: detected (see SensorAttributes); ["none"]: none.</summary>
    [Description("Columns that are sensor attributes (kept once per sensor in the sensors table, with first and last seen, not as features), or 'none' (default: detected: one value within every sensor-day, and different between sensors; over an asset, decided on its first run).")]
    public string[]? SensorAttributes { get; set; }

    [Description("Statistics per column: count,mean,std,min,max,missing_share (default: all).")]
    public string[]? Features { get; set; }

    /// <summary>Sensor-days with fewer rows than this are flagged <c>low_readings</c> (never dropped).</summary>
    [Description("Sensor-days with fewer rows than this are flagged low_readings (never dropped).")]
    public int MinReadings { get; set; } = SensorDayFeatures.DefaultMinReadings;

    /// <summary>How many earlier successful runs form the drift baseline.</summary>
    [Description("How many earlier successful runs form the drift baseline.")]
    public int DriftWindow { get; set; } = 10;

    /// <summary>A feature whose mean is at least this many baseline standard deviations away is reported as drifted.</summary>
    [Description("A feature whose |z-score| against the baseline reaches this is reported as drifted.")]
    public double DriftThreshold { get; set; } = 3;

    /// <summary>Readings whose robust z-score within their column exceeds this are counted as outliers; 0 turns the count off.</summary>
    [Description("Count as outliers the readings whose robust z-score (0.6745 × |x − median| / MAD, per value column) exceeds this, in the manifest's outliers (0: off). Counted, never removed.")]
    public double OutlierZ { get; set; } = 3.5;

    /// <summary>Leaves the outliers out of the features (as missing readings); the readings are then read twice.</summary>
    [Description("Leave the readings --outlier-z counts out of the features, as missing readings (the input is read twice: bounds first, then features). Default: counted, kept.")]
    public bool ExcludeOutliers { get; set; }

    /// <summary>Makes drift a gate: a drifted feature (on the newest day, over an asset) blocks what comes after.</summary>
    [Description("Make drift a gate: when a feature drifted (on the newest computed day, over an asset), publish the output, then exit 79 (blocked) so training and promotion after this step do not run until an editor overrides the gate.")]
    public bool DriftGate { get; set; }

    /// <summary>Files read in parallel; 0 means one per processor, at most four.</summary>
    [Description("Files read in parallel (0: one per processor, at most 4).")]
    public int Workers { get; set; }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
        {
            yield return problem;
        }

        foreach (var name in Features ?? [])
        {
            if (!FeatureKinds.TryParse(name, out _))
            {
                yield return $"--features: unknown statistic '{name}' (known: {string.Join(",", FeatureKinds.Names)})";
            }
        }

        if (StalePolicy.Problem(Policy) is { } policy)
        {
            yield return policy;
        }

        if (PartitionOption.Problem(Partition, AssetDir) is { } partition)
        {
            yield return partition;
        }

        if (MinReadings < 0)
        {
            yield return "--min-readings must not be negative";
        }

        if (DriftWindow < 1)
        {
            yield return "--drift-window must be at least 1";
        }

        if (!(DriftThreshold > 0) || double.IsInfinity(DriftThreshold))
        {
            yield return "--drift-threshold must be a positive number";
        }

        if (!(OutlierZ >= 0) || double.IsInfinity(OutlierZ))
        {
            yield return "--outlier-z must be a number of at least 0 (0: no outlier count)";
        }

        if (ExcludeOutliers && OutlierZ == 0)
        {
            yield return "--exclude-outliers needs --outlier-z above 0 to say which readings are outliers";
        }

        if (Workers < 0)
        {
            yield return "--workers must not be negative";
        }
    }

    /// <summary>The number of parallel readers actually used.</summary>
    public int ResolveWorkers() => Workers > 0 ? Workers : Math.Clamp(Environment.ProcessorCount, 1, 4);
}
