using Pipeline.Steps.Features;
using Pipeline.Steps.Formats.Registry;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.FeatureCreator;
using Pipeline.Steps.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Clustering;

/// <summary>
/// One model family per kind of data: dust sensors and thermometers trained with <c>--family auto</c> into one
/// registry get a family each, and prediction with <c>--family auto</c> scores each kind with its own family's
/// production model. Data no family fits is refused naming what each family lacks, never scored with another kind's.
/// </summary>
public sealed class ModelFamiliesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Each_kind_of_data_trains_and_predicts_with_its_own_family()
    {
        var registry = _temp.Combine("registry");
        var dust = await FeaturesAsync("dust", CitizenSensorExport.Sds011);
        var heat = await FeaturesAsync("heat", CitizenSensorExport.Dht22);

        // Nothing trained yet: a dataset no family fits is refused, saying why.
        var early = _temp.Combine("early");
        Assert.Equal(65, await ClusterPredictRun.RunAsync(null, "--input", dust, "--output", early, "--registry", registry, "--family", "auto", "--quiet"));
        Assert.Contains("the registry has no model family with a production version yet", ClusterPredictRun.Error(early)["message"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(0, await TrainAsync(dust, "train-dust", registry));
        Assert.Equal(0, await TrainAsync(heat, "train-heat", registry));

        // The first kind keeps the registry folder itself; the second gets a family folder of its own.
        Assert.Equal("P1-P2", ClusterTrainRun.Metrics(_temp.Combine("train-dust"))["family"]!.GetValue<string>());
        Assert.Equal("humidity-temperature", ClusterTrainRun.Metrics(_temp.Combine("train-heat"))["family"]!.GetValue<string>());
        Assert.Equal(["P1-P2", "humidity-temperature"], ModelFamilies.All(registry, TimeProvider.System).Select(f => f.Family));
        var heatRegistry = new ModelRegistry(ModelFamilies.Folder(registry, "humidity-temperature"), TimeProvider.System);
        Assert.Equal(1, heatRegistry.Production()!.Version);
        Assert.Equal(["humidity_mean", "humidity_std", "temperature_mean", "temperature_std"], heatRegistry.Metadata(1).Features.Order(StringComparer.Ordinal));

        foreach (var (features, family) in new[] { (dust, "P1-P2"), (heat, "humidity-temperature") })
        {
            var output = _temp.Combine("predict-" + family);
            Assert.Equal(0, await ClusterPredictRun.RunAsync(null, "--input", features, "--output", output, "--registry", registry, "--family", "auto", "--quiet"));
            var model = ClusterPredictRun.Metrics(output)["model"]!;
            Assert.Equal(family, model["family"]!.GetValue<string>());
            Assert.StartsWith("the input has all 4 features of its production model; not '", model["familyReason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Data_of_a_kind_no_family_fits_is_refused_naming_what_each_family_lacks()
    {
        var registry = _temp.Combine("registry");
        Assert.Equal(0, await TrainAsync(await FeaturesAsync("dust", CitizenSensorExport.Sds011), "train", registry));
        var heat = await FeaturesAsync("heat", CitizenSensorExport.Dht22);

        var output = _temp.Combine("predict");
        Assert.Equal(65, await ClusterPredictRun.RunAsync(null, "--input", heat, "--output", output, "--registry", registry, "--family", "auto", "--quiet"));

        Assert.Contains(
            "cannot predict this input: no model family fits its columns ('P1-P2' needs P1_mean, P1_std, P2_mean, P2_std); train a family on data of this kind first",
            ClusterPredictRun.Error(output)["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_new_family_trains_a_family_s_first_version_and_then_leaves_it_alone()
    {
        var registry = _temp.Combine("registry");
        var dust = await FeaturesAsync("dust", CitizenSensorExport.Sds011);

        Assert.Equal(0, await TrainAsync(dust, "first", registry, "--only-new-family"));
        Assert.Equal(0, await TrainAsync(dust, "second", registry, "--only-new-family"));

        Assert.Equal([1], new ModelRegistry(registry, TimeProvider.System).Versions());
        var second = ClusterTrainRun.Metrics(_temp.Combine("second"));
        Assert.True(second["skipped"]!.GetValue<bool>());
        Assert.Equal(
            "model family 'P1-P2' (production version 1) fits this data: its 4 features are all among this data's; --only-new-family trains only the first version of a new kind",
            second["reason"]!.GetValue<string>());
    }

    [Fact]
    public void A_family_named_after_many_or_odd_columns_is_still_a_folder_name()
    {
        Assert.Equal("PM2.5-TEMP", ModelFamilies.NameFor(["TEMP_mean", "PM2.5_std", "PM2.5_mean"]));
        Assert.Equal("a_b-c_d", ModelFamilies.NameFor(["c/d_mean", "a b_mean"]));
        var many = ModelFamilies.NameFor([.. Enumerable.Range(0, 40).Select(i => $"column{i:00}_mean")]);
        Assert.Equal(100, many.Length);
        Assert.Null(ModelFamilies.Problem(many));
        Assert.NotEqual(many, ModelFamilies.NameFor([.. Enumerable.Range(0, 41).Select(i => $"column{i:00}_mean")]));
        Assert.NotNull(ModelFamilies.Problem("../up"));
    }

    private Task<int> TrainAsync(string features, string output, string registry, params string[] extra) =>
        ClusterTrainRun.RunAsync([
            "--input", features, "--output", _temp.Combine(output), "--registry", registry, "--family", "auto", "--k", "3", "--quiet", .. extra]);

    private async Task<string> FeaturesAsync(string name, CitizenSensorExport.SensorType type)
    {
        var export = _temp.Combine(name + ".csv");
        CitizenSensorExport.Write(export, type, sensors: 9, days: 6, seed: 3);
        var (chunks, features) = (_temp.Combine(name + "-chunks"), _temp.Combine(name + "-features"));
        Assert.Equal(0, await ChunkerRun.RunAsync("--input", export, "--output", chunks, "--quiet"));
        Assert.Equal(0, await FeatureCreatorRun.RunAsync("--input", chunks, "--output", features, "--quiet"));
        return features;
    }

    public void Dispose() => _temp.Dispose();
}
