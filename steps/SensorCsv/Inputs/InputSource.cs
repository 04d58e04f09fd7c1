namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>One input to read: a local file or an http(s) URL.</summary>
internal sealed record InputSource(string Location, bool IsUrl)
{
    public bool IsGzipByName => Location.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
