using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// Records in the catalog the partitions an attempt's manifest reports, when it succeeded and also when it failed:
/// a failing step may already have swapped some partitions in, and they are the asset's content now. Recording
/// compares content hashes, so the same manifest read twice, or a retry reporting partitions unchanged, records
/// nothing new; that is what makes a transaction of its own, apart from the run store's, safe.
/// </summary>
public sealed partial class ManifestAssetRecorder(
    IAssetStore store, EngineOptions options, AssetMetrics metrics, TimeProvider clock, ILogger<ManifestAssetRecorder> logger) : IAttemptOutputRecorder
{
    public async Task RecordAsync(ClaimedStep claimed, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var now = clock.GetUtcNow();
        ManifestPartitions? reported;
        try
        {
            reported = await ManifestPartitions.ReadAsync(
                claimed.Step.Spec.OutputFolder, Path.GetFullPath(options.DataRoot), claimed.Key.RunId, claimed.Key.StepId, claimed.Key.Attempt, now, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Reading it again will not help: the catalog misses these partitions, and the log says why.
            Log.Unreadable(logger, claimed.Key.ToString(), e.Message);
            return;
        }

        if (reported is null)
        {
            return;
        }

        foreach (var asset in reported.Assets)
        {
            await store.EnsureAssetAsync(asset, cancellationToken);
        }

        var written = result.ImageDigest is { } image ? [.. reported.Written.Select(w => w with { ImageDigest = image })] : reported.Written;
        var outcomes = await store.RecordAsync(written, now, cancellationToken);
        foreach (var outcome in outcomes.Where(o => o.Created))
        {
            metrics.PartitionRecorded(outcome.Current);
        }

        Log.Recorded(logger, claimed.Key.ToString(), outcomes.Count(o => o.Created), outcomes.Count(o => !o.Created), outcomes.Sum(o => o.MadeStale));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "attempt {Attempt}: its manifest's partitions are not recorded: {Reason}")]
        public static partial void Unreadable(ILogger logger, string attempt, string reason);

        [LoggerMessage(2, LogLevel.Information, "attempt {Attempt}: {Created} partitions recorded, {Unchanged} unchanged, {Stale} made stale downstream")]
        public static partial void Recorded(ILogger logger, string attempt, int created, int unchanged, int stale);
    }
}
