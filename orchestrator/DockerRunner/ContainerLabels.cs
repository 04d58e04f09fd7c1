using System.Globalization;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// The labels a step container carries: which attempt it runs and which server started it. They are how a server
/// finds an attempt's container again after a restart, and how an operator finds it with <c>docker ps --filter</c>.
/// </summary>
internal static class ContainerLabels
{
    public const string Run = "pipeline.run";
    public const string Step = "pipeline.step";
    public const string Attempt = "pipeline.attempt";
    public const string Worker = "pipeline.worker";

    public static Dictionary<string, string> For(AttemptKey attempt, string workerId) => new(StringComparer.Ordinal)
    {
        [Run] = attempt.RunId,
        [Step] = attempt.StepId,
        [Attempt] = attempt.Attempt.ToString(CultureInfo.InvariantCulture),
        [Worker] = workerId,
    };

    /// <summary>A container list filter matching every attempt's containers of the step, whichever server started them.</summary>
    public static IDictionary<string, IDictionary<string, bool>> Filter(AttemptKey attempt) =>
        new Dictionary<string, IDictionary<string, bool>>(StringComparer.Ordinal)
        {
            ["label"] = new Dictionary<string, bool>(StringComparer.Ordinal)
            {
                [$"{Run}={attempt.RunId}"] = true,
                [$"{Step}={attempt.StepId}"] = true,
            },
        };
}
