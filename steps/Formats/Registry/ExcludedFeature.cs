namespace Pipeline.Steps.Formats.Registry;

/// <summary>
/// A feature column training left out by default, with the rule that left it out and why in a sentence: the
/// manifest's <c>excludedFeatures</c> and the model version's, shown on the Models page.
/// </summary>
/// <param name="Feature">The column, e.g. <c>lat_mean</c>.</param>
/// <param name="Rule">One of <see cref="ExclusionRules"/>.</param>
/// <param name="Reason">What was found, with the figures: "missing on 612 of 752 rows (81 %, more than 50 %)".</param>
public sealed record ExcludedFeature(string Feature, string Rule, string Reason);

/// <summary>Why a feature is left out of the default set.</summary>
public static class ExclusionRules
{
    /// <summary>No finite value in any row (a measurement column empty from the first row to the last).</summary>
    public const string AllMissing = "all-missing";

    /// <summary>Missing on more rows than the share allowed (<c>--max-missing-share</c>).</summary>
    public const string MostlyMissing = "mostly-missing";

    /// <summary>One value in every row: it cannot separate anything.</summary>
    public const string Constant = "constant";

    /// <summary>Never changes within a sensor (an id, a coordinate): it says where a sensor is, not how it behaves.</summary>
    public const string SensorAttribute = "sensor-attribute";
}
