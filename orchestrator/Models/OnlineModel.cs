using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Scoring;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// One registered model version loaded for online prediction (<see cref="ClusterModel"/>, the load path batch
/// ClusterPredict uses too), scored row by row through pooled prediction engines: an engine is not thread-safe, and
/// building one per request would cost more than the scoring.
/// </summary>
public sealed class OnlineModel
{
    private readonly ClusterModel _model;
    private readonly ObjectPool<PredictionEngine<ClusterInput, ClusterOutput>> _engines;

    private OnlineModel(ClusterModel model)
    {
        _model = model;
        _engines = new DefaultObjectPool<PredictionEngine<ClusterInput, ClusterOutput>>(new EnginePolicy(model), Environment.ProcessorCount * 2);
    }

    public ModelVersion Metadata => _model.Metadata;

    /// <summary>Loads the version (its checksum checked by the registry); a file ML.NET cannot read is named.</summary>
    public static OnlineModel Load(ModelRegistry registry, int version) => new(ClusterModel.Load(registry, version));

    /// <summary>The stable cluster and distance of each row (features in the version's order).</summary>
    public (int Cluster, double Distance)[] Predict(IReadOnlyList<float[]> rows)
    {
        var engine = _engines.Get();
        try
        {
            var input = new ClusterInput();
            var output = new ClusterOutput();
            var results = new (int, double)[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                input.Features = rows[i];
                engine.Predict(input, ref output);
                results[i] = _model.Assignment(output);
            }

            return results;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(ClusterModel model) : IPooledObjectPolicy<PredictionEngine<ClusterInput, ClusterOutput>>
    {
        public PredictionEngine<ClusterInput, ClusterOutput> Create() => model.CreateEngine();

        public bool Return(PredictionEngine<ClusterInput, ClusterOutput> obj) => true;
    }
}
