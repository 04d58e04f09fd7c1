using System.Globalization;

namespace Pipeline.Orchestrator.Engine.Runners;

/// <summary>
/// A step's fencing token: a file beside its logs (<c>_logs/{step}/fence</c>) naming the one attempt of the step that
/// may still publish, rewritten by the runner each time an attempt starts (or adopts an earlier one). A step is told
/// where it is (<c>PIPELINE_FENCE</c>) and checks it just before each rename that publishes, so an attempt left
/// running on a server cut off from the database (or whose clock misled it) cannot overwrite the output of the
/// attempt that took over from it: the newer attempt's start revoked its token.
/// </summary>
public static class AttemptFence
{
    /// <summary>The variable that tells a step where its fence is.</summary>
    public const string Variable = "PIPELINE_FENCE";

    public static string PathFor(AttemptLogs logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return Path.Combine(Path.GetDirectoryName(logs.StdoutPath)!, "fence");
    }

    /// <summary>
    /// Makes <paramref name="attempt"/> the one attempt of its step that may publish; written whole (a rename). When it
    /// cannot be written (a full data root), the fence is removed instead, which needs no space: the step then runs
    /// unfenced rather than failing, or being refused by a fence naming an older attempt.
    /// </summary>
    public static void Grant(AttemptLogs logs, int attempt)
    {
        var path = PathFor(logs);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temporary, attempt.ToString(CultureInfo.InvariantCulture) + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            TryDelete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a fence left naming an older attempt makes this one's publish fail with exit 75, retried.
        }
    }

    /// <summary>Grants the attempt being launched.</summary>
    public static void Grant(StepLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        Grant(launch.Logs, launch.Attempt.Attempt);
    }
}
