using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Steps.Contract;
using Pipeline.Steps.Contract.Registry;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// One registered model version loaded for online prediction: the ML.NET model as ClusterPredict loads it (it scales
/// its input itself), scored row by row through pooled prediction engines (an engine is not thread-safe; building
/// one per request would cost more than the scoring). The trainer's cluster index maps to the stable id through the
/// version's metadata, and the score (squared distances in scaled units) gives the distance, as in batch prediction.
/// </summary>
public sealed class OnlineModel
{
    private readonly ObjectPool<PredictionEngine<OnlineInput, OnlineOutput>> _engines;

    private OnlineModel(ModelVersion metadata, ObjectPool<PredictionEngine<OnlineInput, OnlineOutput>> engines)
    {
        Metadata = metadata;
        _engines = engines;
    }

    public ModelVersion Metadata { get; }

    /// <summary>Loads the version (its checksum checked by the registry); a file ML.NET cannot read is named.</summary>
    public static OnlineModel Load(ModelRegistry registry, int version)
    {
        var (metadata, bytes) = registry.Load(version);
        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            transformer = ml.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException or System.Runtime.Serialization.SerializationException)
        {
            throw StepException.BadData($"model version {version} is not a readable ML.NET model: {e.Message}", new SourceLocation(registry.Root));
        }

        var schema = SchemaDefinition.Create(typeof(OnlineInput));
        schema[nameof(OnlineInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, metadata.Features.Count);
        var policy = new EnginePolicy(() => ml.Model.CreatePredictionEngine<OnlineInput, OnlineOutput>(transformer, inputSchemaDefinition: schema));
        return new OnlineModel(metadata, new DefaultObjectPool<PredictionEngine<OnlineInput, OnlineOutput>>(policy, Environment.ProcessorCount * 2));
    }

    /// <summary>The stable cluster and distance of each row (features in the version's order).</summary>
    public (int Cluster, double Distance)[] Predict(IReadOnlyList<float[]> rows)
    {
        var engine = _engines.Get();
        try
        {
            var input = new OnlineInput();
            var output = new OnlineOutput();
            var results = new (int, double)[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                input.Features = rows[i];
                engine.Predict(input, ref output);
                var index = (int)output.PredictedLabel - 1;
                results[i] = (Metadata.ClusterIds[index], Math.Sqrt(Math.Max(0, output.Score[index])));
            }

            return results;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(Func<PredictionEngine<OnlineInput, OnlineOutput>> create) : IPooledObjectPolicy<PredictionEngine<OnlineInput, OnlineOutput>>
    {
        public PredictionEngine<OnlineInput, OnlineOutput> Create() => create();

        public bool Return(PredictionEngine<OnlineInput, OnlineOutput> obj) => true;
    }
}

/// <summary>A row as the model reads it; the vector's width is set through the schema definition.</summary>
public sealed class OnlineInput
{
    public float[] Features { get; set; } = [];
}

/// <summary>The 1-based trainer cluster and the squared distance to every centroid.</summary>
public sealed class OnlineOutput
{
    [ColumnName("PredictedLabel")]
    public uint PredictedLabel { get; set; }

    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
