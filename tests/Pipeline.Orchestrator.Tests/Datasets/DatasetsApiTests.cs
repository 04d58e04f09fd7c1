using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Datasets.DatasetUploads;
using static Pipeline.Orchestrator.Tests.Support.ShellWorkflows;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>
/// Datasets through the real server: an upload is kept byte for byte, profiled as the Chunker reads it, refused the
/// second time with a reference, and starts the workflows whose dataset trigger matches; bad content, names, sizes
/// and URLs are refused with the field named and nothing left behind.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class DatasetsApiTests(PostgresFixture postgres)
{
    private static readonly string Sample = Path.Combine(SharedData.BundledSample, "PRSA_Data_Aotizhongxin_201303.csv");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_upload_is_kept_profiled_and_starts_the_matching_workflows_once(bool onPostgres)
    {
        await using var server = await ApiServer.StartAsync(
            [CountLines("count-beijing", "PRSA_*.csv"), CountLines("count-other", "other-*.csv")],
            onPostgres ? await postgres.Server.CreateDatabaseAsync(CancellationToken.None) : null);
        var content = await File.ReadAllBytesAsync(Sample);

        var (status, dataset) = await MultipartAsync(server, content, "PRSA_Data_Aotizhongxin_201303.csv", new() { ["timeZone"] = "Asia/Shanghai" });

        Assert.True(status == 201, dataset?.ToJsonString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), dataset!["sha256"]!.GetValue<string>());
        Assert.Equal(content.Length, dataset["bytes"]!.GetValue<long>());
        Assert.Equal(744, dataset["rows"]!.GetValue<long>());
        Assert.Equal(744, dataset["goodRows"]!.GetValue<long>());
        Assert.Equal(0, dataset["badRows"]!.GetValue<long>());
        Assert.Equal(1, dataset["sensors"]!.GetValue<int>());
        Assert.Equal("2013-03-01", dataset["firstDay"]!.GetValue<string>());
        Assert.Equal("2013-03-31", dataset["lastDay"]!.GetValue<string>());
        var schema = dataset["schema"]!;
        Assert.Equal("station", schema["sensorColumn"]!.GetValue<string>());
        Assert.Equal(["year", "month", "day", "hour"], schema["timestampParts"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("PM2.5", schema["valueColumns"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("Asia/Shanghai", schema["timeZone"]!.GetValue<string>());
        var path = dataset["path"]!.GetValue<string>();
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.StartsWith(Path.GetFullPath(server.DataRoot), path, StringComparison.Ordinal);

        // Only the workflow whose pattern matches the name started, with the dataset's file as its input.
        var run = Assert.Single(dataset["runs"]!.AsArray())!;
        Assert.Equal("count-beijing", run["workflowId"]!.GetValue<string>());
        var detail = await server.WaitForEndAsync(run["runId"]!.GetValue<string>());
        Assert.True(ApiClient.RunState(detail) == "succeeded", detail.ToJsonString());
        Assert.Equal("dataset", detail["run"]!["triggeredBy"]!.GetValue<string>());
        Assert.Equal(path, detail["run"]!["inputs"]!["source"]!.GetValue<string>());
        Assert.Equal("745\n", await server.LogAsync(run["runId"]!.GetValue<string>(), "count", 1));

        var id = dataset["id"]!.GetValue<string>();
        var listed = await server.GetJsonAsync("/api/datasets");
        Assert.Equal(1, listed["total"]!.GetValue<long>());
        Assert.Equal(id, listed["datasets"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(run["runId"]!.GetValue<string>(), (await server.GetJsonAsync($"/api/datasets/{id}"))["runs"]![0]!["runId"]!.GetValue<string>());
        Assert.Equal(content, await server.Http.GetByteArrayAsync(new Uri($"/api/datasets/{id}/file", UriKind.Relative)));

        // The same bytes again, under another name and as a raw body: refused, pointing at the first.
        var (again, refusal) = await RawAsync(server, content, "name=copy.csv");
        Assert.Equal(409, again);
        Assert.Equal(id, refusal!["existingId"]!.GetValue<string>());
        Assert.Equal($"/api/datasets/{id}", refusal["existing"]!.GetValue<string>());
        Assert.Equal(1, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
        Assert.Single(await server.GetJsonAsync("/api/runs?workflow=count-beijing") is { } runs ? runs["runs"]!.AsArray() : []);
    }

    [Fact]
    public async Task Content_that_is_not_sensor_CSV_and_bad_fields_are_refused_with_the_field_named_and_nothing_kept()
    {
        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)]);
        var good = await File.ReadAllBytesAsync(Sample);

        var (binary, binaryProblem) = await RawAsync(server, [0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 2, 3], "name=archive.csv");
        var (empty, emptyProblem) = await RawAsync(server, [], "name=empty.csv");
        var (headerOnly, headerProblem) = await RawAsync(server, Encoding.UTF8.GetBytes("station,time,temp\n"), "name=header.csv");
        var (noName, noNameProblem) = await RawAsync(server, good, "");
        var (badName, badNameProblem) = await MultipartAsync(server, good, "x.csv", new() { ["name"] = "../escape.csv" });
        var (badZone, badZoneProblem) = await MultipartAsync(server, good, "x.csv", new() { ["timeZone"] = "Mars/Olympus" });
        var (badTrigger, badTriggerProblem) = await RawAsync(server, good, "name=x.csv&trigger=maybe");
        var (longField, longFieldProblem) = await MultipartAsync(server, good, "x.csv", new() { ["timeZone"] = new string('z', 100_000) });

        Assert.Equal(422, binary);
        Assert.Contains("binary", FieldError(binaryProblem, "file"), StringComparison.Ordinal);
        Assert.Equal(422, empty);
        Assert.Contains("empty", FieldError(emptyProblem, "file"), StringComparison.Ordinal);
        Assert.Equal(422, headerOnly);
        Assert.Contains("header.csv", FieldError(headerProblem, "file"), StringComparison.Ordinal);
        Assert.Equal(422, noName);
        Assert.Contains("give the dataset a name", FieldError(noNameProblem, "name"), StringComparison.Ordinal);
        Assert.Equal(422, badName);
        Assert.Contains("'../escape.csv' is not a dataset name", FieldError(badNameProblem, "name"), StringComparison.Ordinal);
        Assert.Equal(422, badZone);
        Assert.Contains("Mars/Olympus", FieldError(badZoneProblem, "timeZone"), StringComparison.Ordinal);
        Assert.Equal(422, badTrigger);
        Assert.Contains("maybe", FieldError(badTriggerProblem, "trigger"), StringComparison.Ordinal);
        Assert.Equal(422, longField);
        Assert.Equal("a form field is at most 1024 characters", FieldError(longFieldProblem, "timeZone"));

        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
        Assert.Empty(DatasetFiles(server));
        Assert.Empty((await server.GetJsonAsync("/api/runs"))["runs"]!.AsArray());
    }

    [Fact]
    public async Task Bad_rows_are_counted_and_described_with_their_line_as_the_Chunker_would_quarantine_them()
    {
        await using var server = await ApiServer.StartAsync([]);
        // 48 good hourly rows of two sensors over two days; line 12 has a word for a number, line 30 a field short.
        var lines = new List<string> { "sensor,time,temp" };
        lines.AddRange(Enumerable.Range(0, 48).Select(h => $"s{(h % 2) + 1},{new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(h):yyyy-MM-ddTHH:mm:ssZ},{h * 0.5}"));
        lines[11] = "s2,2024-01-01T10:00:00Z,warm";
        lines[29] = "s2,2024-01-02T04:00:00Z";

        var (status, dataset) = await RawAsync(server, Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"), "name=with-bad-rows.csv");

        Assert.True(status == 201, dataset?.ToJsonString());
        Assert.Equal(48, dataset!["rows"]!.GetValue<long>());
        Assert.Equal(46, dataset["goodRows"]!.GetValue<long>());
        Assert.Equal(2, dataset["badRows"]!.GetValue<long>());
        Assert.Equal(2, dataset["sensors"]!.GetValue<int>());
        Assert.Equal("2024-01-01", dataset["firstDay"]!.GetValue<string>());
        Assert.Equal("2024-01-02", dataset["lastDay"]!.GetValue<string>());
        Assert.Equal([12L, 30L], dataset["problems"]!.AsArray().Select(p => p!["line"]!.GetValue<long>()));
        Assert.Contains("warm", dataset["problems"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_gets_413_and_leaves_nothing()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Datasets:MaxBytes"] = "4096" });
        var content = await File.ReadAllBytesAsync(Sample);

        var (multipart, problem) = await MultipartAsync(server, content, "big.csv");
        var (raw, _) = await RawAsync(server, content, "name=big.csv");
        var (small, _) = await RawAsync(server, content[..(content.AsSpan(0, 4000).LastIndexOf((byte)'\n') + 1)], "name=small.csv");

        Assert.Equal(413, multipart);
        Assert.Contains("at most 4,096 bytes", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(413, raw);
        Assert.Equal(201, small);
        Assert.Single(DatasetFiles(server));
    }

    [Fact]
    public async Task Uploads_larger_than_the_servers_JSON_body_limit_pass_at_the_default_dataset_limit_and_a_damaged_gzip_is_refused()
    {
        await using var server = await ApiServer.StartAsync([]);
        // About 4.5 MiB: over Server:MaxRequestBodyBytes (1 MiB), which the upload endpoint raises to Datasets:MaxBytes.
        var rows = Enumerable.Range(0, 150_000).Select(i => $"s{i % 50},{new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i):yyyy-MM-ddTHH:mm:ssZ},{i % 97 * 0.25}");
        var csv = Encoding.UTF8.GetBytes("sensor,time,temp\n" + string.Join('\n', rows) + "\n");
        Assert.True(csv.Length > 3 << 20);

        var (raw, rawDataset) = await RawAsync(server, csv, "name=big-raw.csv");
        var (multipart, multipartProblem) = await MultipartAsync(server, [.. csv, .. "s1,2025-01-01T00:00:00Z,1\n"u8], "big-form.csv");
        using var zipped = new MemoryStream();
        await using (var gzip = new System.IO.Compression.GZipStream(zipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(csv);
        }

        // Garbage in the middle of the deflate stream, and a gzip cut short (.NET's GZipStream alone reads it as a shorter file).
        var damaged = zipped.ToArray();
        damaged.AsSpan(damaged.Length / 2, 64).Fill(0xff);
        var (cut, cutProblem) = await RawAsync(server, damaged, "name=damaged.csv.gz");
        var (short_, shortProblem) = await RawAsync(server, zipped.ToArray()[..^4], "name=short.csv.gz");

        Assert.True(raw == 201, rawDataset?.ToJsonString());
        Assert.Equal(150_000, rawDataset!["rows"]!.GetValue<long>());
        Assert.True(multipart == 201, multipartProblem?.ToJsonString());
        Assert.Equal(422, cut);
        Assert.Contains("gzip data is cut short or corrupt", FieldError(cutProblem, "file"), StringComparison.Ordinal);
        Assert.Equal(422, short_);
        Assert.StartsWith("short.csv.gz: the gzip data is cut short or corrupt", FieldError(shortProblem, "file"), StringComparison.Ordinal);
        Assert.Equal(2, DatasetFiles(server).Length);
    }

    [Fact]
    public async Task Without_trigger_no_run_starts_and_an_editor_can_delete_the_dataset()
    {
        await using var server = await ApiServer.StartAsync([CountLines("count-all", null)]);
        var operatorKey = await TestAccounts.UserWithKeyAsync(server, "ops", "operator");
        using var asOperator = server.As(operatorKey);

        var (status, dataset) = await MultipartAsync(asOperator, await File.ReadAllBytesAsync(Sample), "quiet.csv", new() { ["name"] = "named-in-the-form.csv", ["trigger"] = "false" });

        Assert.Equal(201, status);
        Assert.Equal("named-in-the-form.csv", dataset!["name"]!.GetValue<string>());
        Assert.Empty(dataset!["runs"]!.AsArray());
        Assert.Equal("ops", dataset["createdBy"]!.GetValue<string>());
        var id = dataset["id"]!.GetValue<string>();
        Assert.Equal(403, (await asOperator.SendAsync(HttpMethod.Delete, $"/api/datasets/{id}")).Status);
        Assert.Equal(204, (await server.SendAsync(HttpMethod.Delete, $"/api/datasets/{id}")).Status);
        Assert.Equal(404, (await server.SendAsync(HttpMethod.Get, $"/api/datasets/{id}")).Status);
        Assert.False(File.Exists(dataset["path"]!.GetValue<string>()));
        Assert.Empty(DatasetFiles(server));
        Assert.Empty((await server.GetJsonAsync("/api/runs"))["runs"]!.AsArray());
    }

    /// <summary>A workflow whose dataset trigger (matching <paramref name="pattern"/>) sets 'source'; its step counts the file's lines.</summary>
    internal static JsonObject CountLines(string id, string? pattern)
    {
        var workflow = Workflow(id, [Step("count", "wc -l < \"$1\"", args: ["${{ inputs.source }}"])]);
        workflow["inputs"] = new JsonObject { ["source"] = new JsonObject { ["type"] = "path", ["default"] = "samples/beijing-air-quality" } };
        var trigger = new JsonObject { ["type"] = "dataset", ["input"] = "source" };
        if (pattern is not null)
        {
            trigger["pattern"] = pattern;
        }

        workflow["triggers"] = new JsonArray(trigger);
        return workflow;
    }

    /// <summary>Every file under the server's datasets folder, the temporary ones included.</summary>
    internal static string[] DatasetFiles(ApiServer server)
    {
        var folder = Path.Combine(server.DataRoot, "datasets");
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }
}
