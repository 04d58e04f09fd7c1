using System.Globalization;
using System.Text.Json.Nodes;

namespace Pipeline.Steps.Tests.Support;

/// <summary>
/// Collects what is written to stdout while it is open. The console logger takes <see cref="Console.Out"/> when the
/// step creates its logger, so open this before running the step. Use it only in <see cref="ConsoleOutput"/> tests.
/// </summary>
public sealed class StdoutCapture : IDisposable
{
    private readonly TextWriter _original = Console.Out;
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);

    public StdoutCapture() => Console.SetOut(_text);

    /// <summary>Each non-empty line parsed as JSON, as a step's log lines are.</summary>
    public IReadOnlyList<JsonObject> JsonLines() =>
        [.. _text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    public void Dispose()
    {
        Console.SetOut(_original);
        _text.Dispose();
    }
}
