using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Storage;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Copies an attempt's log into a stream: what is there, and with <c>follow</c>, what comes next until the attempt
/// ends (the API's live log, <c>logs --follow</c>). Logs are files under the data root, shared by all replicas.
/// </summary>
public sealed class LogFollower(IRunStore runs, Execution.EngineOptions options, TimeProvider clock)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    public string PathOf(AttemptKey attempt, bool stderr)
    {
        var logs = AttemptLogs.For(Path.GetFullPath(options.DataRoot), attempt);
        return stderr ? logs.StderrPath : logs.StdoutPath;
    }

    /// <summary>Copies the log to <paramref name="into"/>; false when the attempt does not exist.</summary>
    public async Task<bool> CopyAsync(AttemptKey attempt, bool stderr, bool follow, Stream into, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(attempt, cancellationToken))
        {
            return false;
        }

        var path = PathOf(attempt, stderr);
        long position = 0;
        while (true)
        {
            // Read whether it ended before copying, so the last bytes written before the end are always copied.
            var ended = !follow || await EndedAsync(attempt, cancellationToken);
            position = await CopyNewAsync(path, position, into, cancellationToken);
            if (ended)
            {
                return true;
            }

            await into.FlushAsync(cancellationToken);
            await Task.Delay(PollEvery, clock, cancellationToken);
        }
    }

    /// <summary>Whether the attempt still runs, so its log may grow; null when there is no such attempt.</summary>
    public async Task<bool?> IsWritingAsync(AttemptKey attempt, CancellationToken cancellationToken)
    {
        var found = (await runs.GetAttemptsAsync(attempt.RunId, cancellationToken)).FirstOrDefault(a => a.StepId == attempt.StepId && a.Attempt == attempt.Attempt);
        return found is null ? null : found.State == AttemptStates.Running;
    }

    private async Task<bool> ExistsAsync(AttemptKey attempt, CancellationToken cancellationToken) =>
        (await runs.GetAttemptsAsync(attempt.RunId, cancellationToken)).Any(a => a.StepId == attempt.StepId && a.Attempt == attempt.Attempt);

    private async Task<bool> EndedAsync(AttemptKey attempt, CancellationToken cancellationToken) =>
        (await runs.GetAttemptsAsync(attempt.RunId, cancellationToken))
            .Any(a => a.StepId == attempt.StepId && a.Attempt == attempt.Attempt && a.State != AttemptStates.Running);

    private static async Task<long> CopyNewAsync(string path, long position, Stream into, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return position;
        }

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(position, SeekOrigin.Begin);
        await file.CopyToAsync(into, cancellationToken);
        return file.Position;
    }
}
