using Docker.DotNet.Models;

namespace Pipeline.Orchestrator.DockerRunner;

public sealed partial class DockerStepRunner
{
    private static readonly TimeSpan DescribeLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What a step program's image says of itself (<c>--describe</c>, JSON on stdout), for the designer's palette on a
    /// server that runs steps only in containers. A throwaway container without network or mounts; removed after.
    /// </summary>
    public async Task<string> DescribeAsync(string program, CancellationToken cancellationToken)
    {
        if (!_options.Images.TryGetValue(program, out var image))
        {
            throw new InvalidOperationException($"no image is configured for step program '{program}' (Runner:Docker:Images:{program})");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DescribeLimit);
        var id = (await _client.Containers.CreateContainerAsync(
            new CreateContainerParameters
            {
                Image = image,
                Cmd = ["--describe"],
                Labels = new Dictionary<string, string> { [ContainerLabels.Worker] = _engine.WorkerId },
                // No mounts, so only the image's user counts; never root, as for a step.
                User = ContainerUser.NotRoot((await _client.Images.InspectImageAsync(image, timeout.Token)).Config?.User, _options.FallbackUser),
                HostConfig = new HostConfig
                {
                    NetworkMode = "none",
                    ReadonlyRootfs = true,
                    SecurityOpt = ["no-new-privileges"],
                    CapDrop = ["ALL"],
                    PidsLimit = _options.PidsLimit,
                    Memory = (long)_options.DefaultMemoryMb * 1024 * 1024,
                },
            },
            timeout.Token)).ID;
        try
        {
            await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), timeout.Token);
            var exit = await _client.Containers.WaitContainerAsync(id, timeout.Token);
            using var logs = await _client.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, timeout.Token);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(timeout.Token);
            return exit.StatusCode == 0
                ? stdout
                : throw new InvalidOperationException($"{image} --describe exited with {exit.StatusCode}: {stderr.Trim()}");
        }
        finally
        {
            await RemoveAsync(id);
        }
    }
}
