using Parquet.Serialization;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Orchestrator.Tests.Telemetry;
using static Pipeline.Orchestrator.Tests.Assets.AssetFixtures;
using static Pipeline.Orchestrator.Tests.Assets.AssetRecordingTests;

namespace Pipeline.Orchestrator.Tests.Assets;

/// <summary>
/// What the Assets page reads, on a real server: an asset's partitions run-length encoded for a calendar, a
/// partition's first Parquet rows (never from outside the asset's folder), and the asset graph from lineage.
/// </summary>
[Collection(PrometheusScrapeTests.Alone)]
public sealed class AssetViewsApiTests
{
    private static readonly int[] Days = [1, 2, 3, 4, 5];

    [Fact]
    public async Task The_grid_encodes_runs_of_days_by_state_with_counts_and_refuses_bad_ranges()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings")]);
        await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));
        Directory.Delete(Path.Combine(server.DataRoot, "assets", "readings", $"day={Day(3)}"), recursive: true);
        Assert.Equal(200, (await server.PostAsync("/api/assets/readings/verify")).Status);

        var grid = await server.GetJsonAsync("/api/assets/readings/grid");
        var ranged = await server.GetJsonAsync($"/api/assets/readings/grid?from={Day(3)}&to={Day(4)}");

        Assert.Equal(["materialized", "stale", "failed", "missing", "running"], Strings(grid["states"]));
        Assert.Equal([Day(1), Day(3), Day(4)], Strings(grid["starts"]));
        Assert.Equal([2, 1, 2], grid["lengths"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal([0, 3, 0], grid["codes"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal((4L, 1L, 5L), (grid["counts"]!["materialized"]!.GetValue<long>(), grid["counts"]!["missing"]!.GetValue<long>(), grid["total"]!.GetValue<long>()));
        Assert.Equal([Day(3), Day(4)], Strings(ranged["starts"]));
        Assert.Equal(2, ranged["total"]!.GetValue<long>());
        foreach (var (path, expected) in new[]
        {
            ("/api/assets/nothing/grid", 404),
            ("/api/assets/readings/grid?from=2013-3-1", 400),
            ($"/api/assets/readings/grid?from={Day(4)}&to={Day(2)}", 400),
        })
        {
            var (status, body) = await server.SendAsync(HttpMethod.Get, path);
            Assert.True(status == expected, $"{path}: {status} {body}");
            Assert.Contains("\"detail\"", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_preview_reads_the_first_parquet_rows_and_never_leaves_the_asset_folder()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings")]);
        await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));
        var folder = Path.Combine(server.DataRoot, "assets", "readings");
        var rows = Enumerable.Range(0, 30).Select(i => new Reading { Sensor = $"s{i % 3}", Value = i * 0.5 }).ToList();
        await ParquetSerializer.SerializeAsync(rows.Take(25), Path.Combine(folder, $"day={Day(1)}", "part-0.parquet"));
        await ParquetSerializer.SerializeAsync(rows.Skip(25), Path.Combine(folder, $"day={Day(1)}", "part-1.parquet"));

        var first = await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(1)}/preview");
        var all = await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(1)}/preview?limit=200");

        Assert.Equal(["sensor", "value"], first["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["String", "Double"], first["columns"]!.AsArray().Select(c => c!["type"]!.GetValue<string>()));
        Assert.Equal(20, first["rows"]!.AsArray().Count);
        Assert.True(first["more"]!.GetValue<bool>());
        Assert.Equal(("s1", 0.5), (first["rows"]![1]![0]!.GetValue<string>(), first["rows"]![1]![1]!.GetValue<double>()));
        Assert.Equal(30, all["rows"]!.AsArray().Count);
        Assert.Equal(["part-0.parquet", "part-1.parquet"], Strings(all["files"]));
        Assert.False(all["more"]!.GetValue<bool>());

        // A link out of the asset's folder, a file that is not Parquet, a vanished folder, a day the catalog lacks.
        var outside = Path.Combine(server.Scratch, "secret.parquet");
        await ParquetSerializer.SerializeAsync(rows, outside);
        File.CreateSymbolicLink(Path.Combine(folder, $"day={Day(2)}", "link.parquet"), outside);
        File.WriteAllText(Path.Combine(folder, $"day={Day(3)}", "broken.parquet"), "not parquet");
        Directory.Delete(Path.Combine(folder, $"day={Day(4)}"), recursive: true);
        foreach (var (path, expected, says) in new[]
        {
            ($"/api/assets/readings/partitions/{Day(2)}/preview", 422, "leads outside the asset's folder"),
            ($"/api/assets/readings/partitions/{Day(3)}/preview", 422, "broken.parquet is not a readable Parquet file"),
            ($"/api/assets/readings/partitions/{Day(4)}/preview", 404, "is missing"),
            ("/api/assets/readings/partitions/2099-01-01/preview", 404, "has no partition '2099-01-01'"),
            ("/api/assets/readings/partitions/..%2F..%2Fetc/preview", 404, "has no partition"),
            ("/api/assets/nothing/partitions/2013-03-01/preview", 404, "no asset 'nothing'"),
            ($"/api/assets/readings/partitions/{Day(1)}/preview?limit=0", 400, "limit 0 is not between 1 and 200"),
            ($"/api/assets/readings/partitions/{Day(1)}/preview?limit=201", 400, "limit 201"),
        })
        {
            var (status, body) = await server.SendAsync(HttpMethod.Get, path);
            Assert.True(status == expected && body.Contains(says, StringComparison.Ordinal), $"{path}: {status} {body}");
        }

        // A partition with no Parquet files (these steps write CSV) previews as empty, not as an error.
        var empty = await server.GetJsonAsync($"/api/assets/readings/partitions/{Day(5)}/preview");
        Assert.Empty(empty["columns"]!.AsArray());
        Assert.Empty(empty["files"]!.AsArray());
    }

    [Fact]
    public async Task The_graph_links_assets_through_the_steps_that_made_one_from_another()
    {
        await using var server = await ApiServer.StartAsync([Writer("load-readings", "readings"), Writer("make-features", "features")]);
        var readings = await WriteAsync(server, "load-readings", "readings", "r1", Days.ToDictionary(Day, d => $"t,v\n{d},1\n"), (_, _) => FileInput("/in.csv", "aa"));
        await WriteAsync(server, "make-features", "features", "f1", Days.ToDictionary(Day, d => $"f\n{d}\n"), (key, _) => PartitionInput("readings", key, readings[key]));

        var graph = await server.GetJsonAsync("/api/assets/graph");

        Assert.Equal(["features", "readings"], Strings(graph["assets"]));
        var steps = graph["steps"]!.AsArray();
        Assert.Equal(2, steps.Count);
        Assert.Equal(("load-readings", "readings", 0, "readings"), (steps[0]!["workflow"]!.GetValue<string>(), steps[0]!["step"]!.GetValue<string>(), steps[0]!["inputs"]!.AsArray().Count, steps[0]!["outputs"]![0]!.GetValue<string>()));
        Assert.Equal(("make-features", "readings", "features"), (steps[1]!["workflow"]!.GetValue<string>(), steps[1]!["inputs"]![0]!.GetValue<string>(), steps[1]!["outputs"]![0]!.GetValue<string>()));
    }

    private static List<string> Strings(System.Text.Json.Nodes.JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    private sealed class Reading
    {
        [System.Text.Json.Serialization.JsonPropertyName("sensor")]
        public string Sensor { get; set; } = "";

        [System.Text.Json.Serialization.JsonPropertyName("value")]
        public double Value { get; set; }
    }
}
