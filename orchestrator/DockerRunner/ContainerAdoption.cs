using System.Globalization;
using Docker.DotNet.Models;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// Which existing container, if any, an attempt takes over instead of starting a new one. A server that died
/// (<c>kill -9</c>, a crash) leaves its containers running; the engine re-claims the step after the lease as the
/// next attempt, which would run the same step twice in the same output folder. So an attempt adopts:
/// its own container in any state (a restart that kept the attempt number reads its exit code and logs), or a
/// still running container of an earlier attempt of the same step (the work goes on, once). An earlier attempt's
/// container that has exited is not adopted: that attempt ended, and this one is its retry.
/// </summary>
internal static class ContainerAdoption
{
    private static readonly string[] LiveStates = ["created", "running", "restarting", "paused"];

    public static ContainerListResponse? Choose(AttemptKey attempt, IEnumerable<ContainerListResponse> containers)
    {
        var candidates = containers
            .Select(c => (Container: c, Attempt: AttemptOf(c)))
            .Where(c => c.Attempt is { } n && n <= attempt.Attempt)
            .ToList();
        var own = candidates.Where(c => c.Attempt == attempt.Attempt).OrderByDescending(c => c.Container.Created).FirstOrDefault();
        if (own.Container is not null)
        {
            return own.Container;
        }

        return candidates
            .Where(c => IsLive(c.Container))
            .OrderByDescending(c => c.Attempt)
            .Select(c => c.Container)
            .FirstOrDefault();
    }

    public static bool IsLive(ContainerListResponse container) => LiveStates.Contains(container.State, StringComparer.OrdinalIgnoreCase);

    public static int? AttemptOf(ContainerListResponse container) =>
        container.Labels is not null && container.Labels.TryGetValue(ContainerLabels.Attempt, out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
