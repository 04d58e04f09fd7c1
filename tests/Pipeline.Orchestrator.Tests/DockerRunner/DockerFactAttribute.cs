using Docker.DotNet;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>
/// A test that needs a Docker Engine: skipped, saying why, when none answers at the default endpoint or the test
/// image is not there. The test command is expected to provide both (the lead starts dockerd; eng/ builds the image).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    /// <summary>A small image with a shell, built by eng/ with the step images; override with PIPELINE_TEST_IMAGE.</summary>
    public static readonly string TestImage = Environment.GetEnvironmentVariable("PIPELINE_TEST_IMAGE") ?? "pipeline/debian:bookworm-minbase";

    private static readonly Lazy<string?> Reason = new(Probe);

    public DockerFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        const string endpoint = "unix:///var/run/docker.sock";
        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(new Uri(endpoint)).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            client.System.PingAsync(timeout.Token).GetAwaiter().GetResult();
            _ = client.Images.InspectImageAsync(TestImage, timeout.Token).GetAwaiter().GetResult();
            return null;
        }
        catch (DockerImageNotFoundException)
        {
            return $"the test image {TestImage} is not on the Docker Engine at {endpoint} (build eng/ images or set PIPELINE_TEST_IMAGE)";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"no Docker Engine answers at {endpoint}: {e.GetType().Name}: {e.Message}";
        }
    }
}
