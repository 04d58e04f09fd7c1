namespace Pipeline.Orchestrator.Hosting;

/// <summary>The largest request bodies the server reads; bound from the <c>Server</c> configuration section.</summary>
public sealed class BodyLimitOptions
{
    /// <summary>Every endpoint's limit; a larger body is refused with 413 before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
