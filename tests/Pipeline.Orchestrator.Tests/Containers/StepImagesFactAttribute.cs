using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Tests.DockerRunner;

namespace Pipeline.Orchestrator.Tests.Containers;

/// <summary>
/// A test that runs the real step images (<c>pipeline/&lt;program&gt;:local</c>, built from this checkout by
/// eng/docker/build-images.sh, which the test command runs first) and the small test image.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepImagesFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() => DockerProbe.Missing([.. StepImages.All.Values, DockerFactAttribute.TestImage]));

    public StepImagesFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}

public static class StepImages
{
    private static readonly string Tag = Environment.GetEnvironmentVariable("PIPELINE_STEP_IMAGE_TAG") ?? "local";

    /// <summary>Each step program's image, as eng/docker/build-images.sh tags them.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } =
        StepPrograms.All.ToDictionary(p => p, p => $"pipeline/{p}:{Tag}", StringComparer.Ordinal);
}
