using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>How Docker Engine failures and exit codes become attempt results; the same rule as the process runner's.</summary>
public sealed class RunnerFailureTests
{
    private static readonly Uri Endpoint = new("unix:///var/run/docker.sock");

    [Fact]
    public void A_missing_image_fails_for_good_and_says_how_to_get_it()
    {
        var result = DockerFailures.Classify(new DockerImageNotFoundException(HttpStatusCode.NotFound, "No such image: pipeline/x:local"), "pipeline/x:local", Endpoint);

        Assert.Equal(AttemptStates.Failed, result?.State);
        Assert.False(result?.Retryable);
        Assert.Contains("image 'pipeline/x:local' is not on this Docker Engine", result?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreachable_engine_fails_retryably_and_names_the_endpoint()
    {
        var result = DockerFailures.Classify(new HttpRequestException("connect", new SocketException((int)SocketError.ConnectionRefused)), "i", Endpoint);

        Assert.Equal(AttemptStates.Failed, result?.State);
        Assert.True(result?.Retryable);
        Assert.Contains("unix:///var/run/docker.sock", result?.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_exceptions_are_not_docker_failures()
    {
        Assert.Null(DockerFailures.Classify(new InvalidOperationException("bug"), "i", Endpoint));
    }

    [Theory]
    [InlineData(0, AttemptStates.Succeeded, true)]
    [InlineData(1, AttemptStates.Failed, true)]
    [InlineData(75, AttemptStates.Failed, true)]
    [InlineData(137, AttemptStates.Failed, true)]
    [InlineData(64, AttemptStates.Failed, false)]
    [InlineData(65, AttemptStates.Failed, false)]
    [InlineData(66, AttemptStates.Failed, false)]
    [InlineData(78, AttemptStates.Failed, false)]
    public void Exit_codes_map_as_for_processes(int exitCode, string state, bool retryable)
    {
        var result = StepExitCodes.ToResult(exitCode, "/nonexistent/stderr.log");

        Assert.Equal(state, result.State);
        Assert.Equal(retryable, result.Retryable);
        Assert.Equal(exitCode, result.ExitCode);
    }
}
