using Microsoft.Extensions.Logging;

namespace Pipeline.Steps.Runtime;

/// <summary>Log messages of the step host (source-generated for speed and stable event ids).</summary>
internal static partial class StepLog
{
    [LoggerMessage(1, LogLevel.Information, "{Step} {Version} started")]
    public static partial void Started(ILogger logger, string step, string version);

    [LoggerMessage(2, LogLevel.Information, "{Step} succeeded in {ElapsedMs:F0} ms: {Files} files published to {Output}")]
    public static partial void Succeeded(ILogger logger, string step, double elapsedMs, int files, string output);

    [LoggerMessage(3, LogLevel.Error, "{Step} failed with exit code {ExitCode} (retryable: {Retryable}) at {Location}: {Message}")]
    public static partial void Failed(ILogger logger, Exception? exception, string step, int exitCode, bool retryable, string? location, string message);

    [LoggerMessage(4, LogLevel.Warning, "TRACEPARENT {TraceParent} is not a valid W3C traceparent; the step runs without a parent trace")]
    public static partial void InvalidTraceParent(ILogger logger, string traceParent);

    [LoggerMessage(5, LogLevel.Warning, "gate overridden ({OverriddenBy}): {Reason}")]
    public static partial void GateOverridden(ILogger logger, string reason, string overriddenBy);
}
