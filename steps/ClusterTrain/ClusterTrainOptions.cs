using System.ComponentModel;
using Pipeline.Steps.Confinement;
using ModelFamilies = Pipeline.Steps.Features.ModelFamilies;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>Options of ClusterTrain; lists default to null so the binder never appends to a default.</summary>
public sealed class ClusterTrainOptions : StepOptions
{
    public static readonly string[] ScalingMethods = ["standard", "minmax", "none"];
    public static readonly string[] SelectionRules = ["davies-bouldin", "average-distance"];
    public static readonly string[] PromotionModes = ["auto", "always", "never"];

    /// <summary>The FeatureCreator's output folder, or a features.parquet file.</summary>
    [Description("The FeatureCreator's output folder, or a features.parquet file.")]
    [RequiredOption]
    [PathOption]
    public string Input { get; set; } = "";

    /// <summary>The model registry folder; created when missing.</summary>
    [Description("The model registry folder (created when missing).")]
    [RequiredOption]
    [PathOption(PathAccess.WriteInto)]
    public string Registry { get; set; } = "";

    /// <summary>With a features asset as <see cref="Input"/>: how many calendar days, up to the newest partition, to train on.</summary>
    [Description("With a features asset as --input (the FeatureCreator's --asset-dir): train on the partitions of this many days up to the newest.")]
    public int WindowDays { get; set; } = 30;

    /// <summary>Feature columns to cluster on; null means every usable *_mean and *_std column (see DefaultFeatureSelection).</summary>
    [Description("Feature columns to cluster on, strictly (default: every *_mean and *_std column except those all or mostly missing, constant, or constant within every sensor, each recorded in excludedFeatures).")]
    public string[]? Features { get; set; }

    /// <summary>Without --features: a column missing on more than this share of rows is left out rather than dropping those rows.</summary>
    [Description("Without --features: leave out a feature missing on more than this share of rows (0..1; default 0.5).")]
    public double MaxMissingShare { get; set; } = 0.5;

    [Description("How features are scaled: standard (mean 0, std 1), minmax (0..1) or none.")]
    public string Scaling { get; set; } = "standard";

    /// <summary>Cluster counts to train, one candidate each; null means 4.</summary>
    [Description("Cluster counts to train, one candidate each, in parallel (default: 4).")]
    public int[]? K { get; set; }

    [Description("Random seed: the same input and seed give the same model.")]
    public int Seed { get; set; } = 42;

    [Description("KMeans++ runs per candidate, each with its own seed; the lowest inertia is kept (default 1, as scikit-learn for k-means++).")]
    public int Restarts { get; set; } = 1;

    [Description("Maximum KMeans iterations per restart.")]
    public int MaxIterations { get; set; } = 1000;

    [Description("How the best candidate is chosen: davies-bouldin (lowest index) or average-distance (lowest).")]
    public string Selection { get; set; } = "davies-bouldin";

    [Description("Promotion: auto (by --max-degradation against the production version), always or never.")]
    public string Promote { get; set; } = "auto";

    [Description("auto promotes when the Davies-Bouldin index is at most this many percent worse than production's.")]
    public double MaxDegradation { get; set; } = 10;

    [Description("auto keeps as a candidate a version whose clusters move more than this share of rows against production (0..1; default 1: no limit).")]
    public double MaxMovedShare { get; set; } = 1;

    /// <summary>The model family to register in (see ModelFamilies); null: the registry folder itself.</summary>
    [Description("Register in this model family of the registry (its own versions and production), or 'auto': the family named after the value columns of the features (default: the registry itself, no family).")]
    public string? Family { get; set; }

    [Description("With --family: train only when the family has no production version yet (the first data of a new kind); otherwise record that and exit 0 without training.")]
    public bool OnlyNewFamily { get; set; }

    [Description("Candidates trained at once (0: one per processor).")]
    public int Workers { get; set; }

    public override IEnumerable<string> Validate()
    {
        foreach (var problem in base.Validate())
        {
            yield return problem;
        }

        if (Family is { } family && family != ModelFamilies.Auto && ModelFamilies.Problem(family) is { } familyProblem)
        {
            yield return "--family: " + familyProblem;
        }

        if (OnlyNewFamily && Family is null)
        {
            yield return "--only-new-family needs --family";
        }

        if (!ScalingMethods.Contains(Scaling))
        {
            yield return $"--scaling must be one of {string.Join(", ", ScalingMethods)}";
        }

        if (!SelectionRules.Contains(Selection))
        {
            yield return $"--selection must be one of {string.Join(", ", SelectionRules)}";
        }

        if (!PromotionModes.Contains(Promote))
        {
            yield return $"--promote must be one of {string.Join(", ", PromotionModes)}";
        }

        if (WindowDays < 1)
        {
            yield return "--window-days must be at least 1";
        }

        if (ResolveK().Any(k => k is < 2 or > 100))
        {
            yield return "--k values must be between 2 and 100";
        }

        if (Restarts is < 1 or > 50)
        {
            yield return "--restarts must be between 1 and 50";
        }

        if (MaxIterations < 1)
        {
            yield return "--max-iterations must be at least 1";
        }

        if (!(MaxDegradation >= 0))
        {
            yield return "--max-degradation must be a percentage of at least 0";
        }

        if (Workers < 0)
        {
            yield return "--workers must not be negative";
        }

        if (!(MaxMovedShare is >= 0 and <= 1))
        {
            yield return "--max-moved-share must be a share between 0 and 1";
        }

        if (!(MaxMissingShare is >= 0 and <= 1))
        {
            yield return "--max-missing-share must be a share between 0 and 1";
        }
    }

    public IReadOnlyList<int> ResolveK() => K is { Length: > 0 } ? [.. K.Distinct().Order()] : [4];

    public int ResolveWorkers() => Workers > 0 ? Workers : Environment.ProcessorCount;
}
