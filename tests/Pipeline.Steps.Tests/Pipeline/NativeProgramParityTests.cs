using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Pipeline;

/// <summary>
/// The Chunker and the FeatureCreator compiled ahead of time (eng/publish-native-steps.sh), which the process
/// runner prefers, must behave exactly as the framework-dependent programs the other tests run in-process: the
/// same files byte for byte, the same manifest (timings and memory aside), the same exit codes and messages on bad
/// input. Trimming can silently drop what reflection reads (options, Parquet.Net's internals): this is the check.
/// Skipped when the native programs are not built, unless PIPELINE_REQUIRE_NATIVE_STEPS=1 (the test command).
/// </summary>
public sealed class NativeProgramParityTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [NativeProgramsFact]
    public async Task Both_builds_write_the_same_chunks_and_features_from_real_and_shuffled_many_sensor_data()
    {
        var shuffled = _temp.Combine("many-sensors.csv");
        await File.WriteAllTextAsync(shuffled, ManySensorsShuffled());
        foreach (var (name, input, extra) in new (string, string, string[])[]
        {
            // One station of the real Beijing export: four years of hourly rows, 1,461 day partitions.
            ("beijing", Path.Combine(SharedData.BeijingAirQuality, "PRSA_Data_Dongsi_20130301-20170228.csv"), ["--time-zone", "Asia/Shanghai"]),
            ("shuffled", shuffled, []),
        })
        {
            var outputs = new Dictionary<string, (string Readings, string Features)>();
            foreach (var build in NativePrograms.Builds)
            {
                var readings = _temp.Combine($"{name}-{build}-readings");
                var features = _temp.Combine($"{name}-{build}-features");
                await NativePrograms.RunOkAsync(build, "Chunker", ["--input", input, "--output", readings, "--state-dir", _temp.Combine($"{name}-{build}-state-c"), "--quiet", .. extra]);
                await NativePrograms.RunOkAsync(build, "FeatureCreator", ["--input", readings, "--output", features, "--state-dir", _temp.Combine($"{name}-{build}-state-f"), "--quiet"]);
                outputs[build] = (readings, features);
            }

            foreach (var pick in new Func<(string Readings, string Features), string>[] { o => o.Readings, o => o.Features })
            {
                var (jit, native) = (pick(outputs["dll"]), pick(outputs["native"]));
                Assert.Equal(FileHashes(jit), FileHashes(native));
                Assert.Equal(Comparable(jit, "dll"), Comparable(native, "native"));
            }
        }
    }

    [NativeProgramsFact]
    public async Task Both_builds_refuse_bad_options_and_bad_input_with_the_same_exit_code_and_message()
    {
        var config = _temp.Combine("options.json");
        await File.WriteAllTextAsync(config, """{ "daysPerChunk": "seven" }""");
        var notCsv = _temp.Combine("binary.csv");
        await File.WriteAllBytesAsync(notCsv, [0, 1, 2, 255, 254, 0, 10, 13, 0]);
        foreach (var (program, args) in new (string, string[])[]
        {
            ("Chunker", ["--input", notCsv, "--output", _temp.Combine("o1"), "--days-per-chunk", "x"]),
            ("Chunker", ["--config", config, "--input", notCsv, "--output", _temp.Combine("o2")]),
            ("Chunker", ["--input", notCsv, "--output", _temp.Combine("o3"), "--no-such-option", "1"]),
            ("Chunker", ["--input", notCsv, "--output", _temp.Combine("o4"), "--quiet"]),
            ("FeatureCreator", ["--input", _temp.Combine("missing"), "--output", _temp.Combine("o5"), "--quiet"]),
        })
        {
            var answers = new List<(int, string)>();
            foreach (var build in NativePrograms.Builds)
            {
                var (exit, _, stderr) = await NativePrograms.RunAsync(build, program, args);
                answers.Add((exit, stderr.Trim()));
            }

            Assert.NotEqual(0, answers[0].Item1);
            Assert.Equal(answers[0], answers[1]);
        }
    }

    [NativeProgramsFact]
    public async Task Both_builds_describe_the_same_options()
    {
        foreach (var program in NativePrograms.Programs)
        {
            var dll = await NativePrograms.RunAsync("dll", program, ["--describe"]);
            var native = await NativePrograms.RunAsync("native", program, ["--describe"]);
            Assert.Equal(0, native.Exit);
            Assert.Equal(dll.Stdout, native.Stdout);
        }
    }

    public void Dispose() => _temp.Dispose();

    // 300 sensors, hourly readings over 5 days with jitter, in random order, and a column empty throughout.
    private static string ManySensorsShuffled()
    {
        var random = new Random(7);
        var lines = new List<string>();
        for (var sensor = 0; sensor < 300; sensor++)
        {
            for (var hour = 0; hour < 5 * 24; hour++)
            {
                var at = new DateTime(2024, 2, 27, 0, 0, 0).AddHours(hour).AddSeconds(random.Next(0, 3000));
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"dev-{sensor:D3},{at:yyyy-MM-ddTHH:mm:ss},{random.NextDouble() * 40 - 10:F3},{random.Next(0, 100)},"));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(lines));
        return "device,time,temperature,humidity,unused\n" + string.Join('\n', lines) + "\n";
    }

    private static SortedDictionary<string, string> FileHashes(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "_manifest.json")
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    // The manifest without what differs from run to run (times, memory, the two builds' own folders).
    private static string Comparable(string folder, string build)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "_manifest.json")))!.AsObject();
        foreach (var varying in new[] { "startedAt", "finishedAt", "timingsMs", "trace" })
        {
            manifest.Remove(varying);
        }

        manifest["metrics"]!.AsObject().Remove("memory");
        // The FeatureCreator reads the Chunker's manifest, which names each build's own folders.
        if (manifest["inputs"] is JsonArray inputs)
        {
            foreach (var manifestInput in inputs.Where(i => i!.ToJsonString().Contains("_manifest.json", StringComparison.Ordinal)).ToList())
            {
                inputs.Remove(manifestInput);
            }
        }

        manifest["parameters"]!.AsObject().Remove("output");
        manifest["parameters"]!.AsObject().Remove("stateDir");
        return manifest.ToJsonString().Replace(folder, "<output>", StringComparison.Ordinal).Replace($"-{build}-", "-<build>-", StringComparison.Ordinal);
    }
}
