using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>A tampered or unreadable model, features that do not fit it, and a database that is not there.</summary>
public sealed class ClusterPredictFailureTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Registry => _temp.Combine("registry");

    private string ModelFile => Path.Combine(Registry, "versions", "0001", ModelRegistry.ModelFileName);

    [Fact]
    public async Task A_model_file_changed_after_registration_is_refused_by_its_checksum()
    {
        var features = await TrainAsync();
        await File.AppendAllTextAsync(ModelFile, "x");
        var output = _temp.Combine("out");
        Assert.Equal(65, await ClusterPredictRun.RunAsync(null, "--input", features, "--output", output, "--registry", Registry, "--quiet"));
        Assert.Contains("does not match its checksum", ClusterPredictRun.Error(output)["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_model_with_a_matching_checksum_is_a_clear_data_error()
    {
        var features = await TrainAsync();
        var garbage = new byte[4096];
        new Random(1).NextBytes(garbage);
        await File.WriteAllBytesAsync(ModelFile, garbage);
        var metadataPath = Path.Combine(Path.GetDirectoryName(ModelFile)!, ModelRegistry.MetadataFileName);
        var metadata = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(metadataPath), RegistryJsonContext.Default.ModelVersion)!;
        metadata = metadata with { Model = metadata.Model! with { Sha256 = Convert.ToHexStringLower(SHA256.HashData(garbage)) } };
        await File.WriteAllBytesAsync(metadataPath, JsonSerializer.SerializeToUtf8Bytes(metadata, RegistryJsonContext.Default.ModelVersion));

        var output = _temp.Combine("out");
        Assert.Equal(65, await ClusterPredictRun.RunAsync(null, "--input", features, "--output", output, "--registry", Registry, "--quiet"));
        Assert.Contains("not a readable ML.NET model", ClusterPredictRun.Error(output)["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Features_the_model_was_not_trained_on_are_a_data_error_naming_the_missing_one()
    {
        var features = await TrainAsync();
        var withoutB = _temp.Combine("without-b.parquet");
        DuckDb.Rows($"COPY (SELECT sensor_id, day, a_mean FROM read_parquet('{features}')) TO '{withoutB}' (FORMAT PARQUET)");
        var output = _temp.Combine("out");
        Assert.Equal(65, await ClusterPredictRun.RunAsync(null, "--input", withoutB, "--output", output, "--registry", Registry, "--quiet"));
        var message = ClusterPredictRun.Error(output)["message"]!.GetValue<string>();
        Assert.Contains("does not fit model version 1", message, StringComparison.Ordinal);
        Assert.Contains("'b_mean'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_retryable_and_publishes_nothing()
    {
        var features = await TrainAsync();
        var output = _temp.Combine("out");
        var closedPort = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3";
        Assert.Equal(75, await ClusterPredictRun.RunAsync(closedPort, "--input", features, "--output", output, "--registry", Registry, "--quiet"));
        Assert.False(File.Exists(Path.Combine(output, "_manifest.json")));
        Assert.False(File.Exists(Path.Combine(output, "predictions.parquet")));
        Assert.True(ClusterPredictRun.Error(output)["retryable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_connection_string_on_the_command_line_is_refused()
    {
        var features = await TrainAsync();
        Assert.Equal(64, await ClusterPredictRun.RunAsync(null, "--input", features, "--output", _temp.Combine("out"), "--registry", Registry, "--connection-string", "Host=x"));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<string> TrainAsync()
    {
        var features = await SyntheticFeatures.WriteAsync(_temp.Combine("features.parquet"), SyntheticFeatures.FourBlobs, 50, seed: 3);
        Assert.Equal(0, await ClusterTrainRun.RunAsync("--input", features, "--output", _temp.Combine("train"), "--registry", Registry, "--quiet"));
        return features;
    }
}
