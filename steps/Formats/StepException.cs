namespace Pipeline.Steps.Formats;

/// <summary>
/// A failure the step understands: it carries the exit code that classifies it and, where known, the place in
/// the input that caused it. Anything else that escapes a step is reported as <see cref="StepExitCodes.Software"/>.
/// </summary>
public class StepException : Exception
{
    public StepException(int exitCode, string message, SourceLocation? location = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Location = location;
    }

    public StepException()
        : this(StepExitCodes.Software, "step failed")
    {
    }

    public StepException(string message)
        : this(StepExitCodes.Software, message)
    {
    }

    public StepException(string message, Exception inner)
        : this(StepExitCodes.Software, message, null, inner)
    {
    }

    /// <summary>The process exit code for this failure (see <see cref="StepExitCodes"/>).</summary>
    public int ExitCode { get; }

    /// <summary>The file, line and column the failure refers to, when there is one.</summary>
    public SourceLocation? Location { get; }

    /// <summary>
    /// The message without anything read from the input (column names, values), where <see cref="Exception.Message"/>
    /// quotes it; null when the message quotes nothing. Used for content fetched from a URL, which is never repeated
    /// into errors and logs that other users read.
    /// </summary>
    public string? WithoutContent { get; init; }

    /// <summary>Bad input data: retrying will not help.</summary>
    public static StepException BadData(string message, SourceLocation? location = null, string? withoutContent = null) =>
        new(StepExitCodes.DataError, message, location) { WithoutContent = withoutContent };

    /// <summary>A missing input: retrying will not help until someone provides it.</summary>
    public static StepException MissingInput(string message, SourceLocation? location = null) =>
        new(StepExitCodes.NoInput, message, location);

    /// <summary>A bad option or configuration value: retrying will not help.</summary>
    public static StepException BadOption(string message, string? withoutContent = null) =>
        new(StepExitCodes.Usage, message) { WithoutContent = withoutContent };

    /// <summary>A temporary failure such as a network or database error: a retry may succeed.</summary>
    public static StepException Transient(string message, Exception? inner = null) =>
        new(StepExitCodes.TemporaryFailure, message, null, inner);
}
