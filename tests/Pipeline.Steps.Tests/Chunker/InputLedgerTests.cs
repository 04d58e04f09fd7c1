using Pipeline.Steps.Chunker;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The input ledger lives in a state folder that every run of a workflow's Chunker shares: runs at once must each
/// add their inputs, and none may see another's half-written file.
/// </summary>
public sealed class InputLedgerTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Runs_at_once_each_add_their_inputs()
    {
        using var state = new TempFolder();
        var ledgers = Enumerable.Range(0, 8).Select(_ => InputLedger.Load(state.Path)).ToList();
        for (var i = 0; i < ledgers.Count; i++)
        {
            ledgers[i].Record($"sha-{i}", new LedgerEntry($"/in/{i}.csv", i, At, $"/out/{i}"));
        }

        await Task.WhenAll(ledgers.Select(ledger => Task.Run(ledger.Save)));

        var merged = InputLedger.Load(state.Path);
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal($"/in/{i}.csv", merged.Find($"sha-{i}")?.Path));
        Assert.Equal([InputLedger.FileName, Runtime.FolderLock.FileName], Directory.GetFiles(state.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void An_input_already_in_the_ledger_keeps_its_first_entry()
    {
        using var state = new TempFolder();
        var first = InputLedger.Load(state.Path);
        first.Record("sha", new LedgerEntry("/in/a.csv", 1, At, "/out/1"));
        first.Save();

        var second = InputLedger.Load(state.Path);
        second.Record("sha", new LedgerEntry("/in/renamed.csv", 1, At.AddDays(1), "/out/2"));
        second.Save();

        Assert.Equal(("/in/a.csv", "/out/1"), InputLedger.Load(state.Path).Find("sha") is { } e ? (e.Path, e.Output) : default);
    }
}
