using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>
/// Logs a database outage once when it starts (with the first failure's stack trace) and once when it ends (how
/// long it lasted, how many passes failed), not a stack trace every poll: an outage of a minute logged 132 of them.
/// </summary>
public sealed partial class OutageLog(ILogger logger, TimeProvider clock, string what)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private int _failures;

    /// <summary>A failed pass: logged when it starts an outage, counted otherwise.</summary>
    public void Failed(Exception exception)
    {
        lock (_gate)
        {
            _failures++;
            if (_since is not null)
            {
                return;
            }

            _since = clock.GetUtcNow();
        }

        Log.Started(logger, what, exception.Message, exception);
    }

    /// <summary>A pass that worked: ends the outage, if there was one.</summary>
    public void Succeeded()
    {
        DateTimeOffset since;
        int failures;
        lock (_gate)
        {
            if (_since is not { } started)
            {
                return;
            }

            (since, failures, _since, _failures) = (started, _failures, null, 0);
        }

        Log.Ended(logger, what, (clock.GetUtcNow() - since).TotalSeconds, failures);
    }

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "{What} failed: {Reason}; trying again every pass, logged again when it works")]
        public static partial void Started(ILogger logger, string what, string reason, Exception exception);

        [LoggerMessage(21, LogLevel.Warning, "{What} works again after {Seconds:F1} s ({Failures} failed passes)")]
        public static partial void Ended(ILogger logger, string what, double seconds, int failures);
    }
}
