using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Assets;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>What the server takes from a step's manifest: only its assets and version, and only assets in their own folder.</summary>
public sealed class ManifestPartitionsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new("orchestrator-manifest-assets");

    public void Dispose() => _folder.Dispose();

    private string DataRoot => _folder.Sub("data", create: true);

    [Fact]
    public async Task Reads_partitions_with_their_inputs_split_into_partitions_and_files()
    {
        var inputs = new JsonArray(new JsonObject { ["asset"] = "readings", ["partition"] = "2013-03-01", ["sha256"] = "r1" }, new JsonObject { ["file"] = "/in/a.csv", ["sha256"] = "aa" });
        var read = await ReadAsync(Manifest(DataRoot, "features", [("2013-03-01", "created", "f1", inputs)]));

        var asset = Assert.Single(read!.Assets);
        Assert.Equal(("features", "Europe/Berlin", Path.Combine(DataRoot, "assets", "features")), (asset.Name, asset.TimeZone, asset.Folder));
        var written = Assert.Single(read.Written);
        Assert.Equal(("2013-03-01", "run-1", "features", 2, StepVersion, 24L, "f1"), (written.PartitionKey, written.RunId, written.StepId, written.Attempt, written.ProgramVersion, written.Rows, written.ContentSha256));
        Assert.Equal([new PartitionRead("readings", "2013-03-01", "r1")], written.InputPartitions);
        Assert.Equal([new FileInput("/in/a.csv", "aa")], written.InputFiles);
    }

    [Fact]
    public async Task No_manifest_or_no_assets_is_nothing_to_record()
    {
        Assert.Null(await ManifestPartitions.ReadAsync(_folder.Sub("nothing", create: true), DataRoot, "run-1", "s", 1, Now, CancellationToken.None));
        Assert.Null(await ReadAsync(new JsonObject { ["step"] = new JsonObject { ["name"] = "s", ["version"] = "1" }, ["metrics"] = new JsonObject() }));
    }

    [Theory]
    [InlineData("/etc", "2013-03-01", "asset 'readings' is in '/etc'")]
    [InlineData(null, "day=2013-03-01", "'day=2013-03-01' is not a yyyy-MM-dd day")]
    [InlineData(null, "2013-02-30", "'2013-02-30' is not a yyyy-MM-dd day")]
    public async Task An_asset_outside_its_folder_or_a_bad_day_is_refused(string? folder, string key, string error)
    {
        var manifest = Manifest(DataRoot, "readings", [(key, "created", "h", new JsonArray())]);
        if (folder is not null)
        {
            manifest["assets"]![0]!["folder"] = folder;
        }

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(manifest));
        Assert.Contains(error, refused.Message, StringComparison.Ordinal);
    }

    private async Task<ManifestPartitions?> ReadAsync(JsonObject manifest)
    {
        var output = _folder.Sub("out-" + Guid.NewGuid().ToString("N"), create: true);
        await File.WriteAllTextAsync(Path.Combine(output, "_manifest.json"), manifest.ToJsonString());
        return await ManifestPartitions.ReadAsync(output, DataRoot, "run-1", "features", 2, Now, CancellationToken.None);
    }
}
