using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Cli;

/// <summary>The README's quick start, on the repository's own workflows and bundled sample.</summary>
public sealed class QuickStartTests : IDisposable
{
    private readonly TempFolder _folder = new("orchestrator-quickstart");

    [Fact]
    public async Task Sensor_training_on_the_bundled_sample_succeeds_and_registers_a_model()
    {
        // Inside the data root: a path input may only lead there, into the working folder or Engine:InputRoots.
        var registry = Path.Combine(_folder.Sub("data"), "registry");

        var result = await OrchestratorProcess.RunAsync(
            ["run", "sensor-training", "--wait", "--input", $"registry={registry}", "--sqlite", _folder.Sub("pipeline.db"), "--data-root", _folder.Sub("data")],
            TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var step in new[] { "chunk", "features", "train" })
        {
            Assert.Matches($@"(?m)^\d\d:\d\d:\d\d  {step}\s+succeeded$", result.Stdout);
        }

        // The registry's layout (steps/Formats/Registry/ModelRegistry.cs): versions/NNNN/{model.zip,metadata.json}.
        var versions = Path.Combine(registry, "versions");
        Assert.True(Directory.Exists(versions), result.ToString());
        var version = Assert.Single(Directory.GetDirectories(versions));
        Assert.True(File.Exists(Path.Combine(version, "model.zip")), version);
        Assert.True(File.Exists(Path.Combine(version, "metadata.json")), version);
    }

    public void Dispose() => _folder.Dispose();
}
