using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// Which of the server's runners takes a step: the one its definition names (<c>runner</c>), else the first in the
/// server's order (<c>Runner:Default</c> first) that can run it. When none can, the reason is the step's error.
/// </summary>
public static class RunnerChoice
{
    public static (IStepRunner? Runner, string Refusal) For(StepSpec spec, IReadOnlyList<IStepRunner> runners)
    {
        var available = $"runners: {string.Join(", ", runners.Select(r => r.Name))}";
        if (spec.Runner is null)
        {
            var first = runners.FirstOrDefault(r => r.CanRun(spec));
            return first is not null ? (first, "") : (null, $"no runner on this server can run this step ({available})");
        }

        var named = runners.FirstOrDefault(r => r.Name == spec.Runner);
        if (named is null)
        {
            return (null, $"the step asks for runner '{spec.Runner}', which this server does not have ({available})");
        }

        return named.CanRun(spec)
            ? (named, "")
            : (null, spec.Program is { } program
                ? $"runner '{spec.Runner}' has no way to run program '{program}' (for docker: configure its image, Runner:Docker:Images:{program})"
                : $"runner '{spec.Runner}' cannot run this step");
    }
}
