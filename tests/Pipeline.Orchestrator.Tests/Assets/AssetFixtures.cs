using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Steps.Formats.Assets;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// Steps that behave as the Chunker and FeatureCreator do towards the catalog, as shell scripts: copy prepared day
/// partitions into <c>${{ assets.NAME }}</c> and publish a prepared <c>_manifest.json</c> reporting them, with
/// content hashes computed by the steps' own <see cref="PartitionContent"/>.
/// </summary>
internal static class AssetFixtures
{
    public const string StepVersion = "1.2.3";

    /// <summary>
    /// A workflow of one step writing partitions of <paramref name="asset"/>: it copies the folder <c>inputs.src</c>
    /// into the asset folder and <c>inputs.manifest</c> to its manifest; it fails (exit 1, after both) while the file
    /// <c>inputs.failOnce</c> does not exist yet, creating it.
    /// </summary>
    public static JsonObject Writer(string workflow, string asset, JsonObject? extra = null) => Workflow(
        workflow,
        [Step(
            asset,
            """cp -R "$3"/. "$1"/ && cp "$4" "$2/_manifest.json" && if [ -n "$5" ] && [ ! -e "$5" ]; then touch "$5"; exit 1; fi""",
            args: ["${{ assets." + asset + " }}", "${{ step.output }}", "${{ inputs.src }}", "${{ inputs.manifest }}", "${{ inputs.failOnce }}"],
            extra: extra)],
        inputs: new() { ["src"] = null, ["manifest"] = null, ["failOnce"] = "" });

    public static string Day(int day) => new DateOnly(2013, 3, 1).AddDays(day - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes day partitions (<c>day=KEY/part.csv</c> with <paramref name="content"/>'s text) under <paramref name="folder"/>; their hashes by key.</summary>
    public static Dictionary<string, string> WriteDays(string folder, IReadOnlyDictionary<string, string> content)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in content)
        {
            var partition = AssetLayout.PartitionFolder(folder, key);
            Directory.CreateDirectory(partition);
            File.WriteAllText(Path.Combine(partition, "part.csv"), text);
            hashes[key] = PartitionContent.Sha256(partition)!;
        }

        return hashes;
    }

    /// <summary>A manifest reporting <paramref name="partitions"/> of <paramref name="asset"/> (key, change, hash, inputs).</summary>
    public static JsonObject Manifest(string dataRoot, string asset, IEnumerable<(string Key, string Change, string Hash, JsonArray Inputs)> partitions) => new()
    {
        ["manifestVersion"] = 1,
        ["step"] = new JsonObject { ["name"] = asset, ["version"] = StepVersion },
        ["status"] = "succeeded",
        ["assets"] = new JsonArray(new JsonObject
        {
            ["name"] = asset,
            ["folder"] = AssetLayout.AssetFolder(dataRoot, asset),
            ["timeZone"] = "Europe/Berlin",
            ["partitions"] = new JsonArray([.. partitions.Select(p => (JsonNode)new JsonObject
            {
                ["key"] = p.Key,
                ["change"] = p.Change,
                ["rows"] = 24,
                ["contentSha256"] = p.Hash,
                ["inputs"] = p.Inputs,
            })]),
        }),
    };

    public static JsonArray FileInput(string path, string sha256) => [new JsonObject { ["file"] = path, ["sha256"] = sha256 }];

    public static JsonArray PartitionInput(string asset, string key, string sha256) => [new JsonObject { ["asset"] = asset, ["partition"] = key, ["sha256"] = sha256 }];
}
