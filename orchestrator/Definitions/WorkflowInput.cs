namespace Pipeline.Orchestrator.Definitions;

/// <summary>A run input: its type, default and description. Values travel as strings into step templates.</summary>
public sealed record WorkflowInput
{
    /// <summary><c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c> (yyyy-MM-dd).</summary>
    public string Type { get; init; } = InputTypes.Text;

    /// <summary>The value when none is given; an input without a default is required.</summary>
    public string? Default { get; init; }

    public string? Description { get; init; }
}
