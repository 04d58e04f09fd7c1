using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;

namespace Pipeline.Orchestrator.Tests.Cli;

/// <summary><c>pipeline assets list|partitions|show|verify</c> against the database a real run recorded partitions in.</summary>
public sealed class AssetsCommandTests : IDisposable
{
    private static readonly int[] Days = [1, 2, 3];

    private readonly TempFolder _folder = new("orchestrator-cli-assets");

    public AssetsCommandTests() => ShellWorkflows.WriteTo(_folder.Sub("workflows", create: true), Writer("load-readings", "readings"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Lists_pages_shows_and_verifies_an_asset_s_partitions()
    {
        var dataRoot = _folder.Sub("data");
        var content = Days.ToDictionary(Day, d => $"t,v\n{d},1\n");
        var hashes = WriteDays(_folder.Sub("src", create: true), content);
        var manifest = _folder.Sub("manifest.json");
        File.WriteAllText(manifest, Manifest(dataRoot, "readings", content.Keys.Select(k => (k, "created", hashes[k], FileInput("/data/in/a.csv", "aabbccddeeff00")))).ToJsonString());
        var run = await RunAsync("run", "load-readings", "--wait", "--input", $"src={_folder.Sub("src")}", "--input", $"manifest={manifest}");
        Assert.True(run.ExitCode == 0, run.ToString());

        var list = await RunAsync("assets", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"(?m)^readings\s+3 materialized, 0 stale, 0 failed, 0 missing  newest 2013-03-03 materialized \d+ s ago$", list.Stdout);

        var page = await RunAsync("assets", "partitions", "readings", "--state", "materialized", "--limit", "2");
        Assert.True(page.ExitCode == 0, page.ToString());
        Assert.Equal(["2013-03-03", "2013-03-02", "more: --after 2013-03-02"], page.Stdout.TrimEnd().Split('\n').Select(l => l.StartsWith("more", StringComparison.Ordinal) ? l : l[..10]));

        var show = await RunAsync("assets", "show", "readings", "2013-03-02");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("readings 2013-03-02: materialized", show.Stdout, StringComparison.Ordinal);
        Assert.Contains($"step readings attempt 1 version {StepVersion} 24 rows sha256 {hashes["2013-03-02"][..12]}", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("  /data/in/a.csv sha256 aabbccddeeff", show.Stdout, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(dataRoot, "assets", "readings", "day=2013-03-01"), recursive: true);
        var verify = await RunAsync("assets", "verify", "readings");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("readings: 3 checked, 2 unchanged, 1 vanished, 0 changed outside the server\n", verify.Stdout);
        Assert.StartsWith("2013-03-01  missing", (await RunAsync("assets", "partitions", "readings", "--state", "missing")).Stdout, StringComparison.Ordinal);

        var bad = await RunAsync("assets", "partitions", "readings", "--state", "fresh");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("--state 'fresh' is not one of materialized, stale, failed, missing", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("assets", "show", "nothing", "2013-03-01")).ExitCode);
    }

    private Task<CliResult> RunAsync(params string[] args) => OrchestratorProcess.RunAsync(
        [.. args, "--sqlite", _folder.Sub("pipeline.db"), "--data-root", _folder.Sub("data"), "--workflows", _folder.Sub("workflows")]);
}
