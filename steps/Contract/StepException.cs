namespace Pipeline.Steps.Contract;

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

    /// <summary>Bad input data: retrying will not help.</summary>
    public static StepException BadData(string message, SourceLocation? location = null) =>
        new(StepExitCodes.DataError, message, location);

    /// <summary>A missing input: retrying will not help until someone provides it.</summary>
    public static StepException MissingInput(string message, SourceLocation? location = null) =>
        new(StepExitCodes.NoInput, message, location);

    /// <summary>A bad option or configuration value: retrying will not help.</summary>
    public static StepException BadOption(string message) => new(StepExitCodes.Usage, message);

    /// <summary>A temporary failure such as a network or database error: a retry may succeed.</summary>
    public static StepException Transient(string message, Exception? inner = null) =>
        new(StepExitCodes.TemporaryFailure, message, null, inner);
}
