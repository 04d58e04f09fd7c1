using System.Text.Json.Serialization;

namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// A workflow as written in <c>workflows/*.json</c> or sent to the API: inputs, triggers and a DAG of steps.
/// Checked by <c>WorkflowValidator</c> before it is stored or run.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>The JSON Schema an editor checks the file against (<c>./workflow.schema.json</c>); ignored by the server.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>Stable identifier: lower-case letters, digits and dashes (<c>sensor-training</c>).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Run inputs by name; a trigger or a caller may set them, else the default applies.</summary>
    public IReadOnlyDictionary<string, WorkflowInput> Inputs { get; init; } = new Dictionary<string, WorkflowInput>();

    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];

    public required IReadOnlyList<StepDefinition> Steps { get; init; }

    /// <summary>How many runs of this workflow may be active at once; further runs wait queued.</summary>
    public int MaxActiveRuns { get; init; } = 1;
}
