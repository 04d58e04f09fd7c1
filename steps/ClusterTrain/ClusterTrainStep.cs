using System.Text.Json.Nodes;
using System.Text.Json;
using Pipeline.Steps.ClusterTrain.Training;
using Pipeline.Steps.Features;
using Pipeline.Steps.Formats.Assets;
using Pipeline.Steps.Formats.Manifest;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.ClusterTrain;

/// <summary>
/// The step body: read the feature table, train one candidate per k side by side, keep the best, number its
/// clusters after the production version's, register it with the record of this run and decide its promotion.
/// </summary>
internal static class ClusterTrainStep
{
    public const string OutputFileName = "model-version.json";

    public static async Task<JsonObject> RunAsync(StepContext<ClusterTrainOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var (table, file, record, partitions) = await ReadAsync(context, cancellationToken);
        IReadOnlyList<ExcludedFeature>? excluded = null;
        if (options.Features is null)
        {
            (table, excluded) = DefaultFeatureSelection.Apply(table, options.MaxMissingShare, file);
            foreach (var feature in excluded)
            {
                ClusterTrainLog.FeatureExcluded(context.Logger, feature.Feature, feature.Reason);
            }
        }

        var (registry, family) = OpenRegistry(options, table.Features, context.Clock);
        if (options.OnlyNewFamily && KnownKind(options, family!, table.Features, context.Clock) is { } known)
        {
            ClusterTrainLog.Family(context.Logger, known.Family, "fits this data; --only-new-family trains only the first version of a new kind");
            return new JsonObject
            {
                ["skipped"] = true,
                ["family"] = known.Family,
                ["productionVersion"] = known.ProductionVersion,
                ["reason"] = $"model family '{known.Family}' (production version {known.ProductionVersion}) fits this data: its {known.Features} features are all among this data's; --only-new-family trains only the first version of a new kind",
            };
        }

        var ks = options.ResolveK();
        var set = TrainingSet.From(table, ks.Max(), file);
        List<Candidate> candidates;
        using (context.Timings.Measure("train"))
        {
            candidates = TrainAll(set, ks, options, cancellationToken);
        }

        var best = CandidateSelection.Best(candidates, options.Selection);
        ModelVersion registered;
        using (context.Timings.Measure("register"))
        {
            var production = registry.Production() is { } pointer ? registry.Metadata(pointer.Version) : null;
            var (ids, basis) = ClusterMatcher.Match(best, production, table.Features);
            var stability = StabilityMeasure.Measure(set, best, ids, production);
            var experiment = ExperimentRecord.Of(options, set, candidates, best, context.Timings, context.Run);
            var described = Describe(best, ids, production, stability, set, record.Path, options);
            described = described with { Family = family, Experiment = experiment, Training = described.Training with { Partitions = partitions }, ExcludedFeatures = excluded };
            registered = registry.Register(described, best.Model);
            ClusterTrainLog.Registered(context.Logger, registered.Version, registered.K, registered.Promotion.Promoted, registered.Promotion.Reason);
            await File.WriteAllBytesAsync(context.Output.PathFor(OutputFileName),
                JsonSerializer.SerializeToUtf8Bytes(registered, RegistryJsonContext.Default.ModelVersion), cancellationToken);
            context.Output.AddFile(OutputFileName, 1, 0, null);
            var metrics = Metrics(set, candidates, best, registered, basis, registry, options) with { ExcludedFeatures = excluded, Stability = stability, Family = family };
            return JsonSerializer.SerializeToNode(metrics, ClusterTrainJsonContext.Default.ClusterTrainMetrics)!.AsObject();
        }
    }

    /// <summary>
    /// The registry versions go to: the --registry folder, or its family's (named by --family, or after the features'
    /// value columns with --family auto, so data of another kind never meets this kind's models).
    /// </summary>
    private static (ModelRegistry Registry, string? Family) OpenRegistry(ClusterTrainOptions options, IReadOnlyList<string> features, TimeProvider clock) =>
        options.Family switch
        {
            null => (new ModelRegistry(options.Registry, clock), null),
            ModelFamilies.Auto => ModelFamilies.ForTraining(options.Registry, ModelFamilies.NameFor(features), clock) is var (family, registry) ? (registry, family) : default,
            var named => (new ModelRegistry(ModelFamilies.Folder(options.Registry, named), clock), named),
        };

    /// <summary>
    /// With --only-new-family, the family this data is already of: the one named, when it has a production version;
    /// with --family auto, the best family whose production model's features this data's features include (as
    /// ClusterPredict's --family auto will choose it). Null: a new kind, to train.
    /// </summary>
    private static FamilyFit? KnownKind(ClusterTrainOptions options, string family, IReadOnlyList<string> features, TimeProvider clock)
    {
        if (options.Family != ModelFamilies.Auto)
        {
            var registry = new ModelRegistry(ModelFamilies.Folder(options.Registry, family), clock);
            return registry.Production() is { } production ? new FamilyFit(family, registry, production.Version, registry.Metadata(production.Version).Features.Count) : null;
        }

        var fitting = ModelFamilies.Match(options.Registry, features.ToHashSet(StringComparer.Ordinal), clock).Fitting;
        return fitting.Count > 0 ? fitting[0] : null;
    }

    /// <summary>
    /// The feature table: one FeatureCreator output, or the sliding window of a features asset (each of its
    /// partitions is recorded as an input, and on the model version, for lineage).
    /// </summary>
    private static async Task<(FeatureTable Table, string File, InputRecord Record, IReadOnlyList<PartitionInput>? Partitions)> ReadAsync(
        StepContext<ClusterTrainOptions> context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        using var reading = context.Timings.Measure("read");
        if (AssetLayout.IsAsset(options.Input))
        {
            var (window, partitions) = await FeatureWindow.ReadAsync(options.Input, options.WindowDays, options.Features, cancellationToken);
            var folder = Path.GetFullPath(options.Input);
            foreach (var partition in partitions)
            {
                context.AddInput(new InputRecord(AssetLayout.PartitionFolder(folder, partition.Partition!), 0, partition.Sha256));
            }

            ClusterTrainLog.Window(context.Logger, partitions.Count, partitions[0].Partition!, partitions[^1].Partition!, window.Rows);
            return (window, folder, new InputRecord(folder, 0, null), partitions);
        }

        var (file, record) = FeatureTableReader.Locate(options.Input);
        context.AddInput(record);
        return (await FeatureTableReader.ReadAsync(file, options.Features, cancellationToken), file, record, null);
    }

    private static List<Candidate> TrainAll(TrainingSet set, IReadOnlyList<int> ks, ClusterTrainOptions options, CancellationToken cancellationToken)
    {
        var trained = new Candidate[ks.Count];
        Parallel.For(0, ks.Count, new ParallelOptions { MaxDegreeOfParallelism = options.ResolveWorkers(), CancellationToken = cancellationToken }, i =>
            trained[i] = CandidateTrainer.Train(set, ks[i], options.Scaling, options.Seed, options.Restarts, options.MaxIterations));
        return [.. trained];
    }

    private static ModelVersion Describe(Candidate best, int[] ids, ModelVersion? production, ClusterStability? stability, TrainingSet set, string input, ClusterTrainOptions options)
    {
        var sizes = new long[best.K];
        var centroids = new double[best.K][];
        var trainerSizes = best.Sizes();
        for (var i = 0; i < best.K; i++)
        {
            sizes[ids[i]] = trainerSizes[i];
            centroids[ids[i]] = best.Centroids[i];
        }

        var days = set.SourceRows.Select(r => set.Table.Days[r]).ToList();
        var quality = best.Quality;
        return new ModelVersion
        {
            ParentVersion = production?.Version,
            CreatedAt = default,
            Trainer = "ML.NET KMeans++ (Microsoft.ML " + typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString(3) + ")",
            Training = new TrainingData(input, set.Rows.Length, set.Skipped, days.Min(), days.Max(), set.SourceRows.Select(r => set.Table.SensorIds[r]).Distinct().Count()),
            Features = set.Table.Features,
            Scaling = best.Scaling,
            K = best.K,
            Seed = best.Seed,
            Quality = quality,
            ClusterSizes = sizes,
            Centroids = centroids,
            ClusterIds = ids,
            Promotion = PromotionRule.Decide(options.Promote, options.MaxDegradation, options.MaxMovedShare, quality, stability, production, set.Table.Features),
            Stability = stability,
        };
    }

    private static ClusterTrainMetrics Metrics(TrainingSet set, List<Candidate> candidates, Candidate best, ModelVersion registered, string basis, ModelRegistry registry, ClusterTrainOptions options) => new()
    {
        RowsRead = set.Table.Rows,
        RowsTrained = set.Rows.Length,
        RowsSkipped = set.Skipped,
        Features = set.Table.Features,
        Scaling = options.Scaling,
        SelectionRule = CandidateSelection.Describe(options.Selection),
        Candidates = [.. candidates.Select(c => new CandidateReport(c.K, c.Seed, c.FitMilliseconds, c.Quality.DaviesBouldin, c.Quality.AverageDistance, c.Quality.Inertia, c.Sizes(), ReferenceEquals(c, best)))],
        Model = new RegisteredModel(registered.Version, registered.ParentVersion, registered.K, registered.Promotion.Promoted, registered.Promotion.Reason, basis, registry.Production()?.Version, registry.Root),
        ClusterDistribution = new Dictionary<string, IReadOnlyList<ClusterShare>> { ["training"] = ClusterShare.Of(registered.ClusterSizes) },
        Shapes = new Dictionary<string, DataShape>
        {
            ["input"] = new(set.Table.Rows, set.Table.Features.Count + 2),
            ["training"] = new(set.Rows.Length, set.Table.Features.Count),
        },
        Memory = ProcessMemory.Sample(),
    };
}
