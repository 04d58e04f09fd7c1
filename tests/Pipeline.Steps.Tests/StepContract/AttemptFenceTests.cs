using System.Collections;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>
/// The server's fencing token (<c>PIPELINE_FENCE</c>): an attempt that a newer one superseded publishes nothing, neither
/// its output folder nor an asset's partitions; the current attempt publishes as ever. The Chunker stands for every
/// step, since all of them publish through the same output and asset writers.
/// </summary>
[Collection(ConsoleOutput.Name)]
public sealed class AttemptFenceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Output => _temp.Combine("chunks");

    [Fact]
    public async Task A_superseded_attempt_publishes_no_output()
    {
        var exit = await RunAsync(attempt: 1, fence: "2\n", "--output", Output);

        Assert.Equal(75, exit);
        Assert.False(File.Exists(Path.Combine(Output, "_manifest.json")));
        Assert.Contains("superseded by attempt 2", ChunkerRun.Failure(Output)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_superseded_attempt_publishes_no_partition_of_an_asset()
    {
        var asset = _temp.Combine("assets", "readings");

        var exit = await RunAsync(attempt: 3, fence: "4", "--output", Output, "--asset-dir", asset);

        Assert.Equal(75, exit);
        Assert.Empty(Directory.Exists(asset) ? Directory.GetDirectories(asset, "day=*") : []);
    }

    [Theory]
    [InlineData("2\n")]
    [InlineData(null)]
    public async Task The_current_attempt_or_an_unfenced_one_publishes(string? fence)
    {
        Assert.Equal(0, await RunAsync(attempt: 2, fence, "--output", Output));

        Assert.True(File.Exists(Path.Combine(Output, "_manifest.json")));
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>The Chunker on the bundled sample as attempt <paramref name="attempt"/>, its fence file holding <paramref name="fence"/> (none when null).</summary>
    private async Task<int> RunAsync(int attempt, string? fence, params string[] args)
    {
        var path = _temp.Combine("fence");
        if (fence is not null)
        {
            await File.WriteAllTextAsync(path, fence);
        }

        var environment = new Hashtable { ["PIPELINE_ATTEMPT"] = attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PIPELINE_FENCE"] = path };
        using var stdout = new StdoutCapture();
        return await ChunkerRun.RunWithEnvironmentAsync(environment, ["--input", SharedData.BundledSample, .. args]);
    }
}
