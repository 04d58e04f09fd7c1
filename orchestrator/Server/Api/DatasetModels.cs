using System.Text.Json;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Steps.SensorCsv.Inspection;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// A received dataset: its file (<see cref="Path"/>, what a run's path input takes), content hash and size, the
/// schema the Chunker detects in it, its row counts and the first bad rows, and the runs its arrival started
/// (in a single dataset's answer; lists leave them out).
/// </summary>
public sealed record DatasetView(
    string Id,
    string Name,
    string Sha256,
    long Bytes,
    string Path,
    string? SourceUrl,
    SchemaReport Schema,
    long Rows,
    long GoodRows,
    long BadRows,
    int Sensors,
    DateOnly? FirstDay,
    DateOnly? LastDay,
    IReadOnlyList<DatasetProblem> Problems,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    IReadOnlyList<DatasetRunView>? Runs)
{
    /// <param name="d">The stored dataset.</param>
    /// <param name="runs">The runs it started; null in lists, which do not read them.</param>
    public static DatasetView Of(DatasetRecord d, IReadOnlyList<DatasetRun>? runs) => new(
        d.Id, d.Name, d.Sha256, d.Bytes, d.Path, d.SourceUrl,
        JsonSerializer.Deserialize(d.SchemaJson, DatasetsJsonContext.Default.SchemaReport)!,
        d.Rows, d.GoodRows, d.Rows - d.GoodRows, d.Sensors, d.FirstDay, d.LastDay,
        JsonSerializer.Deserialize(d.ProblemsJson, DatasetsJsonContext.Default.IReadOnlyListDatasetProblem)!,
        d.CreatedAt, d.CreatedBy, runs?.Select(DatasetRunView.Of).ToList());
}

/// <summary>
/// A run a dataset started, or why the workflow's run could not start (<see cref="RunId"/> null). In a single
/// dataset's answer, the run's state and, when it failed, why: each failed step with its error (a dataset no model
/// family fits and that cannot train a new one says so here).
/// </summary>
public sealed record DatasetRunView(string WorkflowId, string? RunId, string? Error, DateTimeOffset At)
{
    public string? State { get; init; }

    public string? Failure { get; init; }

    public static DatasetRunView Of(DatasetRun r) => new(r.WorkflowId, r.RunId, r.Error, r.At);
}

/// <summary>A page of datasets, newest first.</summary>
public sealed record DatasetListView(IReadOnlyList<DatasetView> Datasets, long Total);

/// <summary><c>POST /api/datasets/from-url</c>: fetch the CSV at <see cref="Url"/> and keep it as a dataset.</summary>
public sealed record DatasetUrlRequest(string? Url, string? Name, string? TimeZone, bool? Trigger);
