using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Runners;
using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Designer;

/// <summary>
/// What each step program says about itself (<c>--describe</c>: its version, purpose and every option with type,
/// default and help), for the designer's palette. Asked of the programs this server would run, so the help always
/// matches them: the built program beside the server, else its image (a server that runs steps only in
/// containers). Kept once read; a program that cannot be asked either way is listed with both reasons.
/// </summary>
public sealed class StepDescriptions(StepProgramCatalog programs, IEnumerable<IStepRunner> runners, TimeProvider clock)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // A program that could not be asked is not asked again at once: a check at each trigger would start a process or
    // a container every time, for up to Limit each.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, StepDescription Description)> _failed = new(StringComparer.Ordinal);

    // A built program says the same until it is rebuilt: shared by every server in the process (the tests start many).
    private static readonly ConcurrentDictionary<(string Path, DateTime Written), JsonElement> Built = new();
    private readonly ConcurrentDictionary<string, JsonElement> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StepDescription>> AllAsync(CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(StepPrograms.All.Select(p => DescribeAsync(p, cancellationToken)));
        return all;
    }

    /// <summary>One program's description, or why it could not be read.</summary>
    public async Task<StepDescription> DescribeAsync(string program, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(program, out var known))
        {
            return new StepDescription(program, known, null);
        }

        if (_failed.TryGetValue(program, out var failed) && clock.GetUtcNow() - failed.At < RetryAfter)
        {
            return failed.Description;
        }

        var problems = new List<string>();
        foreach (var ask in new Func<Task<string>>[]
        {
            () => DescribeBuiltAsync(programs.Command(program), cancellationToken),
            () => runners.OfType<DockerStepRunner>().Single().DescribeAsync(program, cancellationToken),
        })
        {
            try
            {
                using var document = JsonDocument.Parse(await ask());
                var description = document.RootElement.Clone();
                _known[program] = description;
                return new StepDescription(program, description, null);
            }
            catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                // Not built here, no image, no engine, or an answer that is not JSON: say so, and try the other way.
                problems.Add(e.Message);
            }
        }

        var unknown = new StepDescription(program, null, $"its options could not be read: {string.Join("; ", problems)}");
        _failed[program] = (clock.GetUtcNow(), unknown);
        return unknown;
    }

    private static async Task<string> DescribeBuiltAsync(StepProgramCommand program, CancellationToken cancellationToken)
    {
        var key = (program.Path, File.GetLastWriteTimeUtc(program.Path));
        if (Built.TryGetValue(key, out var known))
        {
            return known.GetRawText();
        }

        var text = await RunDescribeAsync(program, cancellationToken);
        using var document = JsonDocument.Parse(text);
        Built[key] = document.RootElement.Clone();
        return text;
    }

    private static async Task<string> RunDescribeAsync(StepProgramCommand program, CancellationToken cancellationToken)
    {
        var start = program.StartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.ArgumentList.Add("--describe");
        var entryAssembly = program.Path;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {entryAssembly}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{entryAssembly} --describe did not answer within {Limit.TotalSeconds} s");
        }

        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{entryAssembly} --describe exited with {process.ExitCode}: {(await errors).Trim()}");
    }
}

/// <summary>A step program's <c>--describe</c> JSON, or why it is missing.</summary>
public sealed record StepDescription(string Program, JsonElement? Description, string? Problem);
