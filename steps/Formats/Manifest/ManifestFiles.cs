namespace Pipeline.Steps.Formats.Manifest;

/// <summary>The names of the files a step publishes beside its outputs: its manifest, or on failure its report.</summary>
public static class ManifestFiles
{
    /// <summary>The manifest of a published output (<see cref="StepManifest"/>, status <c>succeeded</c>).</summary>
    public const string Manifest = "_manifest.json";

    /// <summary>The report of a failed attempt, in the folder it left (a manifest with status <c>failed</c>).</summary>
    public const string Failure = "_failure.json";
}
