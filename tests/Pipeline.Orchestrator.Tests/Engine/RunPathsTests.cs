using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>
/// The data root's <c>assets</c> folder is guarded as <c>runs</c> and <c>state</c> are: an output may be one asset's
/// folder (a step replacing or writing into its asset), never the folder of all assets.
/// </summary>
public sealed class RunPathsTests : IDisposable
{
    private readonly TempFolder _folder = new("orchestrator-run-paths");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void No_output_replaces_the_assets_root_but_one_asset_s_folder_may_be_written()
    {
        var dataRoot = _folder.Sub("data", create: true);
        var policy = RunPaths.For(new EngineOptions { DataRoot = dataRoot, InputBase = _folder.Path });
        var assets = Path.Combine(dataRoot, "assets");

        Assert.Contains("no step may replace that", policy.Problem(assets, PathAccess.Replace), StringComparison.Ordinal);
        Assert.Null(policy.Problem(Path.Combine(assets, "readings"), PathAccess.Replace));
        Assert.Null(policy.Problem(Path.Combine(assets, "readings"), PathAccess.WriteInto));
        Assert.Null(policy.Problem(Path.Combine(assets, "readings", "day=2013-03-01"), PathAccess.Read));
    }
}
