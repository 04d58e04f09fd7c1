using System.Text.Json.Serialization;
using System.Text.Json;
using Pipeline.Steps.SensorCsv.Inspection;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// How a dataset's profile is kept in its record (<see cref="DatasetRecord.SchemaJson"/>,
/// <see cref="DatasetRecord.ProblemsJson"/>): camelCase, as the API shows it, so the stored text is the API's.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SchemaReport))]
[JsonSerializable(typeof(IReadOnlyList<DatasetProblem>))]
public sealed partial class DatasetsJsonContext : JsonSerializerContext;
