using Microsoft.ML;
using Microsoft.ML.Data;
using Pipeline.Steps.Contract;
using Pipeline.Steps.Contract.Features;
using Pipeline.Steps.Contract.Registry;

namespace Pipeline.Steps.ClusterPredict.Scoring;

/// <summary>
/// Scores the feature table with a registered ML.NET model: the model scales its input itself, so the table's
/// raw features go in. The trainer's cluster index is mapped to the stable id through the version's metadata, and
/// ML.NET's score (the squared distance to each centroid, in scaled units) gives the distance. Rows with a missing
/// feature cannot be placed and are counted as unassigned.
/// </summary>
internal static class ModelScorer
{
    private const string FeatureColumn = "Features";

    public static ClusterAssignments Score(FeatureTable table, ModelVersion metadata, byte[] model, string modelPath)
    {
        var ml = new MLContext(seed: 0);
        ITransformer transformer;
        try
        {
            using var stream = new MemoryStream(model, writable: false);
            transformer = ml.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or ArgumentException or System.Runtime.Serialization.SerializationException)
        {
            throw StepException.BadData($"model version {metadata.Version} is not a readable ML.NET model: {e.Message}", new SourceLocation(modelPath));
        }

        var rows = table.CompleteRows();
        var schema = SchemaDefinition.Create(typeof(ScoringInput));
        schema[FeatureColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.Features.Count);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new ScoringInput { Features = table.Vector(r) }), schema);
        IDataView scored;
        try
        {
            scored = transformer.Transform(data);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw StepException.BadData($"model version {metadata.Version} does not accept these {table.Features.Count} features: {e.Message}", new SourceLocation(modelPath));
        }

        var clusters = new int[rows.Length];
        var distances = new double[rows.Length];
        var i = 0;
        foreach (var prediction in ml.Data.CreateEnumerable<ScoringOutput>(scored, reuseRowObject: true))
        {
            var index = (int)prediction.PredictedLabel - 1;
            clusters[i] = metadata.ClusterIds[index];
            distances[i] = Math.Sqrt(Math.Max(0, prediction.Score[index]));
            i++;
        }

        return new ClusterAssignments(rows, clusters, distances, table.Rows - rows.Length);
    }
}
