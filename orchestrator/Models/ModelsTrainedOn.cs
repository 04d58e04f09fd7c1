using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// A model version that was trained on a partition (<paramref name="Sha256"/>: the partition's content hash it read),
/// whether on the content the partition has now, and the content hash of its model file (which the partitions it
/// scored name as an input).
/// </summary>
public sealed record TrainedModel(string Registry, int Version, DateTimeOffset CreatedAt, bool Promoted, string? Sha256, bool SameContent, string? ModelSha256);

/// <summary>
/// The lineage from a partition down to models: the versions, in every registry the server shows, whose training
/// window (<c>training.partitions</c>, written by ClusterTrain over a features asset) included the partition. Read
/// from the registries' metadata files on each call: a registry holds one small file per version, and the registry
/// stays the one record of what a version was trained on.
/// </summary>
public sealed class ModelsTrainedOn(ModelRegistries registries)
{
    public IReadOnlyList<TrainedModel> Find(string asset, string key, string? currentSha256)
    {
        var found = new List<TrainedModel>();
        foreach (var name in registries.Names)
        {
            if (registries.Find(name) is not { } registry || !Directory.Exists(registry.Root))
            {
                continue;
            }

            foreach (var version in registry.Versions())
            {
                ModelVersion metadata;
                try
                {
                    metadata = registry.Metadata(version);
                }
                catch (Exception e) when (e is IOException or Steps.Formats.StepException)
                {
                    // A version being written or a damaged one: the registry's own pages report it; lineage skips it.
                    continue;
                }

                if (metadata.Training.Partitions?.FirstOrDefault(p => p.Asset == asset && p.Partition == key) is { } used)
                {
                    found.Add(new TrainedModel(name, version, metadata.CreatedAt, metadata.Promotion.Promoted, used.Sha256, used.Sha256 == currentSha256, metadata.Model?.Sha256));
                }
            }
        }

        return found;
    }
}
