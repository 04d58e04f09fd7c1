using Docker.DotNet;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>
/// A test that needs a Docker Engine and the small test image: skipped, saying why, when either is missing, unless
/// PIPELINE_REQUIRE_DOCKER=1 (the test command sets it after starting dockerd and building the images), where a
/// missing engine must fail the run rather than quietly skip the container tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DockerFactAttribute : FactAttribute
{
    /// <summary>A small image with a shell, built by eng/ with the step images; override with PIPELINE_TEST_IMAGE.</summary>
    public static readonly string TestImage = Environment.GetEnvironmentVariable("PIPELINE_TEST_IMAGE") ?? "pipeline/debian:bookworm-minbase";

    private static readonly Lazy<string?> Reason = new(() => DockerProbe.Missing([TestImage]));

    public DockerFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>Whether the engine answers and has the images; the reason to skip when not, null when all is there.</summary>
internal static class DockerProbe
{
    public const string Endpoint = "unix:///var/run/docker.sock";

    public static string? Missing(IReadOnlyList<string> images)
    {
        if (Environment.GetEnvironmentVariable("PIPELINE_REQUIRE_DOCKER") == "1")
        {
            return null;
        }

        try
        {
            using var client = new DockerClientBuilder().WithEndpoint(new Uri(Endpoint)).Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            client.System.PingAsync(timeout.Token).GetAwaiter().GetResult();
            foreach (var image in images)
            {
                try
                {
                    _ = client.Images.InspectImageAsync(image, timeout.Token).GetAwaiter().GetResult();
                }
                catch (DockerImageNotFoundException)
                {
                    return $"the image {image} is not on the Docker Engine at {Endpoint} (eng/docker/build-images.sh makes it)";
                }
            }

            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"no Docker Engine answers at {Endpoint}: {e.GetType().Name}: {e.Message}";
        }
    }
}
