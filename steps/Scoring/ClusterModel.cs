using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.Scoring;

/// <summary>
/// A registered model version loaded for scoring, by batch ClusterPredict and by online prediction alike: the
/// registry checks the file's checksum, ML.NET loads it (the model scales its input itself, so raw features go in),
/// the trainer's cluster index maps to the stable id through the version's metadata, and the score (squared
/// distances in scaled units) gives the distance. Immutable once loaded, so threads may share it; a
/// <see cref="PredictionEngine{TSrc, TDst}"/> made from it is not thread-safe.
/// </summary>
public sealed class ClusterModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly SchemaDefinition _inputSchema;
    private readonly string _location;

    private ClusterModel(ModelVersion metadata, MLContext ml, ITransformer transformer, string location)
    {
        Metadata = metadata;
        _ml = ml;
        _transformer = transformer;
        _location = location;
        _inputSchema = SchemaDefinition.Create(typeof(ClusterInput));
        _inputSchema[nameof(ClusterInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, metadata.Features.Count);
    }

    public ModelVersion Metadata { get; }

    /// <summary>Loads the version (its checksum checked by the registry); a file ML.NET cannot read is named.</summary>
    public static ClusterModel Load(ModelRegistry registry, int version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var (metadata, bytes) = registry.Load(version);
        var ml = new MLContext(seed: 0);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return new ClusterModel(metadata, ml, ml.Model.Load(stream, out _), registry.Root);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException or System.Runtime.Serialization.SerializationException)
        {
            throw StepException.BadData($"model version {version} is not a readable ML.NET model: {e.Message}", new SourceLocation(registry.Root));
        }
    }

    /// <summary>An engine for scoring row by row (cheaper than a data view for a few rows); one per thread at a time.</summary>
    public PredictionEngine<ClusterInput, ClusterOutput> CreateEngine() =>
        _ml.Model.CreatePredictionEngine<ClusterInput, ClusterOutput>(_transformer, inputSchemaDefinition: _inputSchema);

    /// <summary>
    /// Scores many rows through one data view (the batch path), each its features in the version's order. The rows
    /// are read as the view is, so a large table is never held twice.
    /// </summary>
    public List<(int Cluster, double Distance)> ScoreAll(IEnumerable<float[]> rows)
    {
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new ClusterInput { Features = r }), _inputSchema);
        IDataView scored;
        try
        {
            scored = _transformer.Transform(data);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw StepException.BadData($"model version {Metadata.Version} does not accept these {Metadata.Features.Count} features: {e.Message}", new SourceLocation(_location));
        }

        var results = new List<(int, double)>();
        foreach (var output in _ml.Data.CreateEnumerable<ClusterOutput>(scored, reuseRowObject: true))
        {
            results.Add(Assignment(output));
        }

        return results;
    }

    /// <summary>The stable cluster id and the distance (in scaled units) of one scored row.</summary>
    public (int Cluster, double Distance) Assignment(ClusterOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var index = (int)output.PredictedLabel - 1;
        return (Metadata.ClusterIds[index], Math.Sqrt(Math.Max(0, output.Score[index])));
    }
}
