using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.FeatureCreator.Drift;

/// <summary>
/// Keeps <c>feature-history.json</c> in the step's state folder. It is replaced through a temporary file and a
/// rename, so a reader never sees half of it; an unreadable one is moved aside rather than failing the step,
/// because losing the drift baseline is better than blocking the pipeline.
/// </summary>
internal sealed class FeatureHistoryStore(string stateDirectory, ILogger logger, TimeProvider clock)
{
    public const string FileName = "feature-history.json";

    /// <summary>Runs kept: enough for any sensible drift window, small enough to read in a moment.</summary>
    public const int MaxRuns = 100;

    public string Path { get; } = System.IO.Path.Combine(stateDirectory, FileName);

    public async Task<FeatureHistory> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return new FeatureHistory { Runs = [] };
        }

        try
        {
            await using var stream = File.OpenRead(Path);
            var history = await JsonSerializer.DeserializeAsync(stream, FeatureCreatorJsonContext.Default.FeatureHistory, cancellationToken);
            if (history?.Runs is null || history.Runs.Any(r => r?.Features is null))
            {
                throw new JsonException("runs or their features are missing");
            }

            return history;
        }
        catch (JsonException e)
        {
            var aside = $"{Path}.corrupt-{clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}";
            File.Move(Path, aside, overwrite: true);
            FeatureCreatorLog.HistoryCorrupt(logger, Path, e.Message, aside);
            return new FeatureHistory { Runs = [] };
        }
    }

    /// <summary>
    /// Appends a run to the history as it is now (another run of the workflow may have added one since this run
    /// loaded it), drops the oldest beyond <see cref="MaxRuns"/>, and replaces the file whole, under the state
    /// folder's lock.
    /// </summary>
    public async Task AppendAsync(FeatureRun run, CancellationToken cancellationToken)
    {
        using var exclusive = FolderLock.Acquire(stateDirectory, cancellationToken: cancellationToken);
        var history = await LoadAsync(cancellationToken);
        var runs = history.Runs.Append(run).ToList();
        var kept = history with { Runs = runs.Skip(Math.Max(0, runs.Count - MaxRuns)).ToArray() };
        AtomicJsonFile.Write(Path, kept, FeatureCreatorJsonContext.Default.FeatureHistory);
    }
}
