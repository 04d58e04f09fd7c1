using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// Checks the catalog against the disk: hashes again (<see cref="PartitionContent.Sha256"/>, the steps' own
/// algorithm) the folder of every partition with content (materialized or stale), and marks <c>missing</c> those
/// whose folder vanished or whose files changed outside the server, saying which hash it found.
/// </summary>
public sealed class AssetVerifier(IAssetStore store, TimeProvider clock)
{
    /// <summary>Verifies <paramref name="asset"/>; null when the catalog has no such asset.</summary>
    /// <exception cref="InvalidOperationException">The catalog does not know the asset's folder.</exception>
    public async Task<VerifyCounts?> VerifyAsync(string asset, CancellationToken cancellationToken)
    {
        if (await store.GetAssetAsync(asset, cancellationToken) is not { } record)
        {
            return null;
        }

        var folder = record.Folder ?? throw new InvalidOperationException($"the catalog does not know the folder of asset '{asset}'");
        var counts = new VerifyCounts();
        foreach (var state in new[] { PartitionStates.Materialized, PartitionStates.Stale })
        {
            string? after = null;
            do
            {
                var page = await store.ListPartitionsAsync(new PartitionQuery(asset, State: state, After: after, Limit: 1000), cancellationToken);
                foreach (var partition in page.Partitions)
                {
                    await CheckAsync(partition, folder, counts, cancellationToken);
                }

                after = page.NextAfter;
            }
            while (after is not null);
        }

        return counts;
    }

    private async Task CheckAsync(PartitionView partition, string folder, VerifyCounts counts, CancellationToken cancellationToken)
    {
        counts.Checked++;
        var catalog = partition.Current?.ContentSha256;
        var found = PartitionContent.Sha256(AssetLayout.PartitionFolder(folder, partition.PartitionKey));
        var reference = new PartitionRef(partition.Asset, partition.PartitionKey);
        if (found is null)
        {
            counts.Vanished++;
            await store.MarkAsync(reference, PartitionStates.Missing, "its folder vanished outside the server", clock.GetUtcNow(), cancellationToken);
        }
        else if (catalog is not null && found != catalog)
        {
            counts.Changed++;
            await store.MarkAsync(reference, PartitionStates.Missing, $"changed outside the server: hash {found}, catalog {catalog}", clock.GetUtcNow(), cancellationToken);
        }
        else
        {
            counts.Unchanged++;
        }
    }
}

/// <summary>What a verification found: partitions checked, as the catalog says, vanished and changed (both now missing).</summary>
public sealed class VerifyCounts
{
    public int Checked { get; set; }

    public int Unchanged { get; set; }

    public int Vanished { get; set; }

    public int Changed { get; set; }
}
