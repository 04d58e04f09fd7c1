using Parquet;
using Parquet.Schema;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class FeatureCreatorBadInputTests
{
    [Fact]
    public async Task A_missing_input_folder_exits_66()
    {
        using var temp = new TempFolder();

        Assert.Equal(StepExitCodes.NoInput, await FeatureCreatorRun.RunAsync("--input", temp.Combine("nowhere"), "--output", temp.Combine("out")));
    }

    [Fact]
    public async Task A_folder_without_parquet_files_exits_65()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("empty"));

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", temp.Combine("empty"), "--output", temp.Combine("out")));
    }

    [Fact]
    public async Task Chunks_without_rows_exit_65()
    {
        using var temp = new TempFolder();
        await ChunkFiles.WriteAsync(temp.Combine("chunks", "part-0.parquet"), []);

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", temp.Combine("chunks"), "--output", temp.Combine("out")));
    }

    // A manifest is input too: one listing a file outside its folder must not make the step read elsewhere.
    [Fact]
    public async Task A_manifest_listing_a_file_outside_its_folder_exits_65_naming_the_manifest()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        await ChunkFiles.WriteAsync(temp.Combine("outside.parquet"), []);
        ChunkFiles.WriteManifest(input);
        var manifestPath = Path.Combine(input, StepOutput.ManifestFileName);
        var manifest = FeatureCreatorRun.ReadJson(manifestPath);
        manifest["outputs"]![0]!["path"] = "../outside.parquet";
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out")));

        var error = FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.FailureFileName))["error"]!;
        Assert.Equal(manifestPath, (string?)error["file"]);
        Assert.Equal("the upstream manifest lists a file outside its folder: ../outside.parquet", (string?)error["message"]);
    }

    [Fact]
    public async Task A_corrupt_parquet_file_exits_65_naming_the_file()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        var corrupt = Path.Combine(input, "day=2024-03-02", "sensor=s-02", "part-0.parquet");
        await File.WriteAllBytesAsync(corrupt, [.. "PAR1"u8, .. new byte[300], .. "PAR1"u8]);
        ChunkFiles.WriteManifest(input);

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out")));

        var error = FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.FailureFileName))["error"]!;
        Assert.Equal(corrupt, (string?)error["file"]);
        Assert.False((bool)error["retryable"]!);
    }

    [Fact]
    public async Task A_chunk_without_a_selected_column_exits_65_naming_file_and_column()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        var odd = Path.Combine(input, "extra.parquet");
        var schema = new ParquetSchema(new DataField("sensor_id", typeof(string), false), new DataField("temperature", typeof(double), true));
        await using (var stream = File.Create(odd))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, null, false, CancellationToken.None))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(schema.GetDataFields()[0], ["s-09"], null);
            await group.WriteAsync<double>(schema.GetDataFields()[1], new double?[] { 1.0 }, null, null, CancellationToken.None);
        }

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out")));

        var error = FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.FailureFileName))["error"]!;
        Assert.Equal(odd, (string?)error["file"]);
        Assert.Contains("'timestamp'", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_column_exits_64_listing_the_available_ones()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        ChunkFiles.WriteManifest(input);

        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out"), "--columns", "temperature,pressure"));

        var message = (string?)FeatureCreatorRun.ReadJson(temp.Combine("out", StepOutput.FailureFileName))["error"]!["message"];
        Assert.Contains("pressure", message, StringComparison.Ordinal);
        Assert.Contains("available: temperature, humidity", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_upstream_manifest_exits_65()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("chunks");
        await SampleChunks.WriteAsync(input);
        ChunkFiles.WriteManifest(input, status: "failed");

        Assert.Equal(StepExitCodes.DataError, await FeatureCreatorRun.RunAsync("--input", input, "--output", temp.Combine("out")));
    }

    [Fact]
    public async Task An_unknown_statistic_exits_64()
    {
        using var temp = new TempFolder();

        Assert.Equal(StepExitCodes.Usage, await FeatureCreatorRun.RunAsync("--input", temp.Path, "--output", temp.Combine("out"), "--features", "mean,median"));
    }
}
