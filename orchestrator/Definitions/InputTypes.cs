namespace Pipeline.Orchestrator.Definitions;

/// <summary>The types a <see cref="WorkflowInput"/> may declare.</summary>
public static class InputTypes
{
    public const string Text = "string";
    public const string WholeNumber = "integer";
    public const string Number = "number";
    public const string Flag = "boolean";
    public const string Date = "date";

    public static readonly IReadOnlyList<string> All = [Text, WholeNumber, Number, Flag, Date];
}
