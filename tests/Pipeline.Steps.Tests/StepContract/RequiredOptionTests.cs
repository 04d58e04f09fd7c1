using Pipeline.Steps.ClusterPredict;
using Pipeline.Steps.ClusterTrain;
using Pipeline.Steps.FeatureCreator;
using Pipeline.Steps.Runtime;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>Options marked [RequiredOption] are reported by name when blank, after the options every step shares.</summary>
public sealed class RequiredOptionTests
{
    [Fact]
    public void Blank_required_options_are_reported_each_by_its_name()
    {
        Assert.Equal(["--output is required", "--input is required", "--registry is required"], Required(new ClusterTrainOptions { Input = " " }));
        Assert.Equal(["--output is required", "--input is required", "--registry is required"], Required(new ClusterPredictOptions()));
        Assert.Equal(["--input is required"], Required(new FeatureCreatorOptions { Output = "out" }));
        Assert.Empty(Required(new ClusterTrainOptions { Output = "out", Input = "in", Registry = "reg" }));
    }

    private static List<string> Required(StepOptions options) =>
        [.. options.Validate().Where(p => p.EndsWith(" is required", StringComparison.Ordinal))];
}
