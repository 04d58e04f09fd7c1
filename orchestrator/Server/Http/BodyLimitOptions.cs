namespace Pipeline.Orchestrator.Http;

/// <summary>The largest request bodies the server reads; bound from the <c>Server</c> configuration section.</summary>
public sealed class BodyLimitOptions
{
    /// <summary>Every endpoint's limit unless it has its own; a larger body is refused with 413 before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Online prediction's limit (<c>POST /api/models/{name}/predict</c>), sized for its documented most: 10,000
    /// feature rows of the widest kind, the FeatureCreator's 6 statistics of the sample's 11 columns at full double
    /// precision (66 features, about 1.9 KB a row: 19 MB), or 86,400 raw readings of those columns (15 MB with one
    /// decimal, 27 MB at full precision).
    /// </summary>
    public long MaxPredictBodyBytes { get; set; } = 32L * 1024 * 1024;
}
