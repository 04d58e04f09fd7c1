using System.Text.Json.Nodes;

namespace Pipeline.Steps.Formats.Manifest;

/// <summary>
/// The <c>_manifest.json</c> every step publishes as the last file of its output: what ran, on what, what it wrote
/// and what it observed. Downstream steps and the orchestrator read it; a folder without it (or with a status other
/// than <c>succeeded</c>) is not a complete output.
/// </summary>
public sealed record StepManifest
{
    /// <summary>Version of this manifest format.</summary>
    public int ManifestVersion { get; init; } = 1;

    public required StepIdentity Step { get; init; }

    /// <summary><c>succeeded</c>, <c>blocked</c> (output published, a gate failed) or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The options the step ran with, after defaults, file, environment and command line were merged.</summary>
    public JsonObject? Parameters { get; init; }

    public IReadOnlyList<InputRecord> Inputs { get; init; } = [];

    /// <summary>Schemas by name; outputs refer to them so a thousand chunks do not repeat one schema.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ColumnSchema>> Schemas { get; init; } =
        new Dictionary<string, IReadOnlyList<ColumnSchema>>();

    public IReadOnlyList<OutputFile> Outputs { get; init; } = [];

    /// <summary>The partitioned assets the step materialized (outside its output folder, shared by every run).</summary>
    public IReadOnlyList<ManifestAsset> Assets { get; init; } = [];

    /// <summary>Step-specific observations (rowsRead, shapes, memory, drift, ...).</summary>
    public JsonObject Metrics { get; init; } = [];

    /// <summary>Wall time of each phase in milliseconds, plus <c>total</c>.</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Set when a gate of the step failed: <see cref="Status"/> is then <c>blocked</c>, unless it was overridden.</summary>
    public StepGate? Gate { get; init; }

    /// <summary>Set when <see cref="Status"/> is <c>failed</c>.</summary>
    public StepError? Error { get; init; }

    /// <summary>The trace this run belongs to; set only when the step was started with a valid <c>TRACEPARENT</c>.</summary>
    public StepTrace? Trace { get; init; }
}

/// <summary>The program that wrote a manifest.</summary>
public sealed record StepIdentity(string Name, string Version);

/// <summary>An input the step read, with its content hash.</summary>
public sealed record InputRecord(string Path, long Bytes, string? Sha256, bool AlreadyProcessed = false);

/// <summary>One column of an output table.</summary>
public sealed record ColumnSchema(string Name, string Type, bool Nullable);

/// <summary>One published file, relative to the output folder.</summary>
public sealed record OutputFile(string Path, long Rows, int Columns, string? Schema, long Bytes);

/// <summary>
/// W3C trace context of a run, as lower-case hex: the trace id, the span of this run, and the span that started it
/// (the orchestrator's attempt), so a manifest can be found from a trace and a trace from a manifest.
/// </summary>
public sealed record StepTrace(string TraceId, string SpanId, string? ParentSpanId);

/// <summary>Why a step failed, and where in its input.</summary>
public sealed record StepError(int ExitCode, bool Retryable, string Message, string? File = null, long? Line = null, int? Column = null);
