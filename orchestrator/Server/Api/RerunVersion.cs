using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Api;

/// <summary>The version a re-run asked for, resolved: a move to the latest version, nothing to move, or why not.</summary>
internal sealed record RerunVersion(RunVersionSwitch? Switch, ProblemHttpResult? Problem, RunRecord? Run)
{
    /// <summary>True when the request asks for the latest published version.</summary>
    public static bool OnLatest(RerunRequest? request, out ProblemHttpResult? problem)
    {
        problem = null;
        switch (request?.Version)
        {
            case null or RerunRequest.RunVersion:
                return false;
            case RerunRequest.LatestVersion:
                return true;
            default:
                problem = TypedResults.Problem(
                    $"version: '{request.Version}' is neither '{RerunRequest.RunVersion}' (the run's own version) nor '{RerunRequest.LatestVersion}' (the latest published one)",
                    statusCode: StatusCodes.Status400BadRequest);
                return false;
        }
    }

    /// <summary>
    /// For a retry or re-run from failure: the move of the run to the latest version when asked for and the run is
    /// on an older one; neither when it runs the version asked for.
    /// </summary>
    public static async Task<RerunVersion> ResolveAsync(string runId, RerunRequest? request, IRunStore runs, RunLauncher launcher, CancellationToken cancellationToken)
    {
        if (!OnLatest(request, out var problem))
        {
            return new(null, problem, null);
        }

        if (await runs.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return new(null, ApiProblems.NotFound($"no run '{runId}'"), null);
        }

        try
        {
            return new(await launcher.LatestVersionForAsync(run, cancellationToken), null, run);
        }
        catch (LaunchRefusedException e)
        {
            return new(null, ApiProblems.Refused(e), run);
        }
    }
}
