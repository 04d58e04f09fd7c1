using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// What a failure of the Docker Engine API means for the attempt: a missing image will be missing on the retry
/// too (fail for good, say how to get it); an unreachable engine may be back soon (fail, retry, name the endpoint).
/// </summary>
internal static class DockerFailures
{
    public static AttemptResult? Classify(Exception exception, string image, Uri endpoint) => exception switch
    {
        DockerImageNotFoundException => MissingImage(image),
        DockerApiException { StatusCode: HttpStatusCode.NotFound } api when api.ResponseBody?.Contains("No such image", StringComparison.OrdinalIgnoreCase) == true
            => MissingImage(image),
        DockerApiException api => new AttemptResult(AttemptStates.Failed, null,
            $"the Docker Engine at {endpoint} refused the step's container ({(int)api.StatusCode}): {Trim(api.ResponseBody ?? api.Message)}", Retryable: true),
        HttpRequestException or SocketException or IOException or TimeoutException or DockerConfigurationException
            => Unreachable(endpoint, exception),
        _ => null,
    };

    public static AttemptResult MissingImage(string image) => new(AttemptStates.Failed, null,
        $"image '{image}' is not on this Docker Engine (build it with `docker build -t {image} ...` or pull it; the runner does not pull)",
        Retryable: false);

    private static AttemptResult Unreachable(Uri endpoint, Exception exception)
    {
        var reason = exception.InnerException?.Message ?? exception.Message;
        return new AttemptResult(AttemptStates.Failed, null,
            $"cannot reach the Docker Engine at {endpoint} (Runner:Docker:Endpoint): {reason}", Retryable: true);
    }

    private static string Trim(string text) => text.Length <= 300 ? text.Trim() : text[..300].Trim() + "...";
}
