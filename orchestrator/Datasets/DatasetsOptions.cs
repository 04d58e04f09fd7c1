using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>Configuration section <c>Datasets</c>.</summary>
public sealed class DatasetsOptions : ICheckedOptions
{
    private static readonly TimeSpan MaxDownloadTimeout = TimeSpan.FromDays(1);

    /// <summary>Where received datasets are kept; <c>{Engine:DataRoot}/datasets</c> when not set (runs can read the data root).</summary>
    public string? Directory { get; set; }

    /// <summary>The largest dataset received, in bytes (2 GiB); a larger upload or download is refused with 413 and nothing kept.</summary>
    public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Whether a dataset may be fetched from a loopback, private or link-local address. Off: a URL is fetched by
    /// the server, inside its network, so it must not become a way to read internal services.
    /// </summary>
    public bool AllowPrivateUrls { get; set; }

    /// <summary>How long fetching a URL's dataset may take in all, body and profile included (then 502, nothing kept).</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The earlier form of <see cref="DownloadTimeout"/>, in whole seconds; still read so existing settings keep
    /// working, and it wins when set.
    /// </summary>
    public int? DownloadTimeoutSeconds { get; set; }

    /// <summary>The download limit in effect.</summary>
    public TimeSpan EffectiveDownloadTimeout => DownloadTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DownloadTimeout;

    /// <summary>The setting the limit in effect comes from, for messages.</summary>
    public string DownloadTimeoutSetting => DownloadTimeoutSeconds is null ? "Datasets:DownloadTimeout" : "Datasets:DownloadTimeoutSeconds";

    public IEnumerable<string> Problems()
    {
        if (MaxBytes < 1024)
        {
            yield return "Datasets:MaxBytes must be at least 1024";
        }

        // A bare number binds to a TimeSpan as days ("600" is 600 days), and a timer cannot wait past about 24 days.
        if (EffectiveDownloadTimeout < TimeSpan.FromSeconds(1) || EffectiveDownloadTimeout > MaxDownloadTimeout)
        {
            yield return $"{DownloadTimeoutSetting} must be between 1 s and 1 day (as hh:mm:ss, e.g. 00:10:00), not {EffectiveDownloadTimeout}";
        }
    }
}
