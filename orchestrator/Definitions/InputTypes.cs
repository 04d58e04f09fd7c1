namespace Pipeline.Orchestrator.Definitions;

/// <summary>The types a <see cref="WorkflowInput"/> may declare.</summary>
public static class InputTypes
{
    public const string Text = "string";
    public const string WholeNumber = "integer";
    public const string Number = "number";
    public const string Flag = "boolean";
    public const string Date = "date";

    /// <summary>
    /// A file, folder or glob the steps read (relative paths resolve where steps start), or an http(s) URL. The
    /// server refuses a value outside its input roots (<c>Engine:InputRoots</c>), symbolic links followed.
    /// </summary>
    public const string Path = "path";

    public static readonly IReadOnlyList<string> All = [Text, WholeNumber, Number, Flag, Date, Path];
}
