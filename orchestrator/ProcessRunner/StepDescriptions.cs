using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// What each step program says about itself (<c>--describe</c>: its version, purpose and every option with type,
/// default and help), for the designer's palette. Asked of the programs this server would run, so the help always
/// matches them; kept once read. A program that cannot be asked (not built, or a server that runs containers only)
/// is listed with the reason.
/// </summary>
public sealed class StepDescriptions(StepProgramCatalog programs)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, JsonElement> _known = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<StepDescription>> AllAsync(CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(StepPrograms.All.Select(p => DescribeAsync(p, cancellationToken)));
        return all;
    }

    private async Task<StepDescription> DescribeAsync(string program, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(program, out var known))
        {
            return new StepDescription(program, known, null);
        }

        try
        {
            var json = await RunDescribeAsync(programs.EntryAssembly(program), cancellationToken);
            using var document = JsonDocument.Parse(json);
            var description = document.RootElement.Clone();
            _known[program] = description;
            return new StepDescription(program, description, null);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or JsonException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return new StepDescription(program, null, $"its options could not be read: {e.Message}");
        }
    }

    private static async Task<string> RunDescribeAsync(string entryAssembly, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(entryAssembly);
        start.ArgumentList.Add("--describe");
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
