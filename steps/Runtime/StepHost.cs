using System.Collections;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Runs a step body under the step contract: binds options, logs JSON lines, stages and publishes the output with
/// its manifest, maps failures to exit codes and prints them to stderr as <c>error: file:line:column: message</c>.
/// </summary>
public static class StepHost
{
    public static Task<int> RunAsync<[DynamicallyAccessedMembers(StepOptions.Members)] TOptions>(
        StepDefinition step, string[] args, Func<StepContext<TOptions>, CancellationToken, Task<JsonObject>> body)
        where TOptions : StepOptions, new() =>
        RunAsync(step, args, Environment.GetEnvironmentVariables(), TimeProvider.System, body);

    public static async Task<int> RunAsync<[DynamicallyAccessedMembers(StepOptions.Members)] TOptions>(
        StepDefinition step,
        string[] args,
        IDictionary environment,
        TimeProvider clock,
        Func<StepContext<TOptions>, CancellationToken, Task<JsonObject>> body)
        where TOptions : StepOptions, new()
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(body);
        StepOptionsLoader.Result<TOptions> loaded;
        try
        {
            loaded = StepOptionsLoader.Load<TOptions>(step.Name, args, environment);
        }
        catch (StepException e)
        {
            await Console.Error.WriteLineAsync(FormatError(e.Message, e.Location));
            return e.ExitCode;
        }

        if (loaded.HelpRequested || loaded.DescribeRequested)
        {
            await Console.Out.WriteAsync(loaded.HelpRequested ? StepOptionsHelp.Render<TOptions>(step) : StepOptionsHelp.Describe<TOptions>(step));
            return StepExitCodes.Success;
        }

        var options = loaded.Options;
        using var tracing = StepTracing.Start(step.Name, environment);
        using var loggerFactory = CreateLoggerFactory(options);
        var logger = loggerFactory.CreateLogger(step.Name);
        var run = RunAttempt.From(environment);
        AttemptFence.Current = AttemptFence.From(environment);
        using var runScope = StepRunScope.From(run) is { } scope ? logger.BeginScope(scope) : null;
        if (tracing.InvalidTraceParent is { } invalid)
        {
            StepLog.InvalidTraceParent(logger, invalid);
        }

        using var cancellation = new CancellationTokenSource();
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancellation.Cancel(); });
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancellation.Cancel(); });

        var startedAt = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        StepLog.Started(logger, step.Name, step.Version);
        StepOutput output;
        try
        {
            output = StepOutput.Create(options.Output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(logger, step, new StepException(StepExitCodes.TemporaryFailure, $"cannot create output folder: {e.Message}", new SourceLocation(options.Output)));
        }

        using (output)
        {
            var context = new StepContext<TOptions>(step, options, logger, output, clock, run, StepConfinement.From(environment));
            try
            {
                var metrics = await body(context, cancellation.Token);
                metrics["memory"] ??= JsonSerializer.SerializeToNode(ProcessMemory.Sample(), ManifestJsonContext.Default.MemoryMetrics);
                var gate = context.BlockedBy is { } reason
                    ? new StepGate(reason, Blocked: Text(environment, GateOverride.EnvironmentVariable) is null, Text(environment, GateOverride.EnvironmentVariable))
                    : null;
                var manifest = BuildManifest(context, gate is { Blocked: true } ? "blocked" : "succeeded", startedAt, started, metrics, null, tracing.Trace) with { Gate = gate };
                output.Publish(manifest);
                StepLog.Succeeded(logger, step.Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, manifest.Outputs.Count, output.FinalDirectory);
                if (gate is { Blocked: true })
                {
                    return Fail(logger, step, new StepException(StepExitCodes.GateBlocked, $"{gate.Reason}; the output is published, and an editor can override the gate to let the run go on"));
                }

                if (gate is not null)
                {
                    StepLog.GateOverridden(logger, gate.Reason, gate.OverriddenBy!);
                }

                return StepExitCodes.Success;
            }
            catch (Exception e)
            {
                var failure = Classify(e, cancellation.IsCancellationRequested);
                var error = new StepError(failure.ExitCode, !StepExitCodes.IsPermanent(failure.ExitCode), failure.Message,
                    failure.Location?.File, failure.Location?.Line, failure.Location?.Column);
                try
                {
                    output.RecordFailure(BuildManifest(context, "failed", startedAt, started, [], error, tracing.Trace));
                }
                catch (Exception writeError) when (writeError is IOException or UnauthorizedAccessException)
                {
                    // The failure is still reported on stderr and by the exit code.
                }

                return Fail(logger, step, failure, failure.ExitCode == StepExitCodes.Software ? e : null);
            }
        }
    }

    private static string? Text(IDictionary environment, string name) =>
        environment[name] is string { Length: > 0 } value ? value : null;

    private static StepException Classify(Exception e, bool cancelled) => e switch
    {
        StepException step => step,
        OperationCanceledException when cancelled => new StepException(StepExitCodes.TemporaryFailure, "cancelled by a signal before finishing; nothing was published"),
        IOException io => new StepException(StepExitCodes.TemporaryFailure, $"I/O error: {io.Message}", null, io),
        UnauthorizedAccessException denied => new StepException(StepExitCodes.TemporaryFailure, $"access denied: {denied.Message}", null, denied),
        OutOfMemoryException oom => new StepException(StepExitCodes.TemporaryFailure, $"out of memory: {oom.Message}", null, oom),
        _ => new StepException(StepExitCodes.Software, $"internal error: {e.GetType().Name}: {e.Message}", null, e),
    };

    private static int Fail(ILogger logger, StepDefinition step, StepException failure, Exception? detail = null)
    {
        StepLog.Failed(logger, detail, step.Name, failure.ExitCode, !StepExitCodes.IsPermanent(failure.ExitCode), failure.Location?.ToString(), failure.Message);
        Console.Error.WriteLine(FormatError(failure.Message, failure.Location));
        return failure.ExitCode;
    }

    private static string FormatError(string message, SourceLocation? location) =>
        location is null ? $"error: {message}" : $"error: {location}: {message}";

    private static StepManifest BuildManifest<TOptions>(
        StepContext<TOptions> context, string status, DateTimeOffset startedAt, long started, JsonObject metrics, StepError? error, StepTrace? trace)
        where TOptions : StepOptions
    {
        var timings = context.Timings.Snapshot().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        timings["total"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
        return new StepManifest
        {
            Step = new StepIdentity(context.Step.Name, context.Step.Version),
            Status = status,
            StartedAt = startedAt,
            FinishedAt = context.Clock.GetUtcNow(),
            Parameters = OptionValues.ToJson(context.Options),
            Inputs = context.Inputs,
            Schemas = context.Output.Schemas,
            Outputs = context.Output.Files,
            Assets = context.Assets,
            Metrics = metrics,
            TimingsMs = timings,
            Error = error,
            Trace = trace,
        };
    }

    private static ILoggerFactory CreateLoggerFactory(StepOptions options) =>
        LoggerFactory.Create(logging =>
        {
            // Every line gets the current activity's ids as a scope: the orchestrator's trace id when StepTracing
            // started the run under TRACEPARENT, nothing when there is no activity.
            logging.Configure(factory => factory.ActivityTrackingOptions =
                ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
            logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : options.Quiet ? LogLevel.Warning : LogLevel.Information);
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.IncludeScopes = true;
            });
            logging.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.None);
        });
}
