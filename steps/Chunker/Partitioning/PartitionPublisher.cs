using Pipeline.Steps.Assets;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Publishes the day chunks a run wrote into its asset (<c>--asset-dir</c>). A day the asset lacks is moved in as
/// written. A day it has is merged, the asset's rows first so they win over the run's for the same sensor and
/// time (one row per sensor and timestamp, as within an input), and replaced whole; when every row of the run was
/// already there the partition is left as it is and reported unchanged, so the same file twice changes nothing.
/// </summary>
internal static class PartitionPublisher
{
    private const string MergeFolder = "_merged";

    public static async Task<AssetWriteMetrics> PublishAsync(
        AssetWriter asset, StepOutput output, ChunkSink sink, IReadOnlyList<ChunkResult> results, int sensorsPerChunk,
        IReadOnlyList<PartitionInput> inputs, CancellationToken cancellationToken)
    {
        var merges = StepOutput.Create(Path.Combine(output.StagingDirectory, MergeFolder));
        var writer = new ChunkWriter(merges, sink.Columns, daysPerChunk: 1, sensorsPerChunk);
        var pool = new RowSegmentPool(sink.Columns.Values.Count, sink.Columns.Texts.Count, maxIdle: 64);
        long added = 0;
        long alreadyThere = 0;
        ChunkNames? names = null;
        foreach (var result in results.Where(r => r.Days.Count > 0))
        {
            var day = result.Days[0];
            var key = AssetLayout.Key(DateOnly.FromDayNumber(day));
            var relative = PartitionPaths.DayFolder(day, 1);
            if (!asset.Has(key))
            {
                asset.Publish(key, output.TakeFolder(relative), result.RowsWritten, inputs);
                added += result.RowsWritten;
                continue;
            }

            var rows = new RowBuffer(pool);
            var sensors = sink.Accumulator.Sensors;
            var texts = sink.Accumulator.Texts;
            await ChunkReadBack.ReadAsync(asset.PartitionFolder(key), rows, sink.Columns, sensors.Id, texts.Id, ChunkReadBack.AssetOrder, cancellationToken);
            var existing = rows.Count;
            await ChunkReadBack.ReadAsync(Path.Combine(output.StagingDirectory, relative), rows, sink.Columns, sensors.Id, texts.Id, ChunkReadBack.WrittenOrder, cancellationToken);
            var merged = await writer.WriteAsync(day, rows, ChunkNames.Current(ref names, sensors, texts), cancellationToken);
            rows.Clear();
            output.RemoveFolder(relative);
            var newRows = merged.RowsWritten - existing;
            added += newRows;
            alreadyThere += result.RowsWritten - newRows;
            if (newRows == 0)
            {
                merges.RemoveFolder(relative);
                asset.Unchanged(key, existing, inputs);
            }
            else
            {
                asset.Publish(key, merges.TakeFolder(relative), merged.RowsWritten, inputs);
            }
        }

        Directory.Delete(merges.StagingDirectory, recursive: true);
        var report = asset.Report();
        return new AssetWriteMetrics
        {
            Asset = asset.Name,
            RowsAdded = added,
            RowsAlreadyInAsset = alreadyThere,
            PartitionsCreated = report.Partitions.Count(p => p.Change == PartitionChanges.Created),
            PartitionsReplaced = report.Partitions.Count(p => p.Change == PartitionChanges.Replaced),
            PartitionsUnchanged = report.Partitions.Count(p => p.Change == PartitionChanges.Unchanged),
        };
    }
}
