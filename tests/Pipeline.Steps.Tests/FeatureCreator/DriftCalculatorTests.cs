using Pipeline.Steps.FeatureCreator.Drift;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Tests.FeatureCreator;

public sealed class DriftCalculatorTests
{
    private static readonly DateTimeOffset At = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_history_there_is_no_baseline_and_no_z_score()
    {
        var drift = DriftCalculator.Compute(Current(12.5), [], window: 10, threshold: 3);

        var result = drift["t_mean"];
        Assert.Equal(12.5, result.Mean);
        Assert.Null(result.BaselineMean);
        Assert.Null(result.BaselineStd);
        Assert.Null(result.ZScore);
        Assert.Equal(0, result.BaselineRuns);
        Assert.False(result.Drifted);
    }

    [Fact]
    public void A_mean_shifted_by_three_baseline_stds_has_z_three_and_drifts()
    {
        var history = new[] { Run(new FeatureStat(10, 2, 100)) };

        var result = DriftCalculator.Compute(Current(16), history, window: 10, threshold: 3)["t_mean"];

        Assert.Equal(10, result.BaselineMean!.Value, 12);
        Assert.Equal(2, result.BaselineStd!.Value, 12);
        Assert.Equal(3, result.ZScore!.Value, 12);
        Assert.True(result.Drifted);
        Assert.False(DriftCalculator.Compute(Current(15.9), history, 10, 3)["t_mean"].Drifted);
    }

    [Fact]
    public void The_baseline_pools_only_the_last_window_runs()
    {
        // Two old runs far away, then ten runs of mean 10 and std 2 (n 50 each): the pooled std stays 2.
        var history = Enumerable.Repeat(Run(new FeatureStat(1000, 1, 50)), 2)
            .Concat(Enumerable.Repeat(Run(new FeatureStat(10, 2, 50)), 10)).ToArray();

        var result = DriftCalculator.Compute(Current(11), history, window: 10, threshold: 3)["t_mean"];

        Assert.Equal(10, result.BaselineRuns);
        Assert.Equal(10, result.BaselineMean!.Value, 12);
        Assert.Equal(2 * Math.Sqrt(490.0 / 499), result.BaselineStd!.Value, 12);
        Assert.Equal(1 / result.BaselineStd.Value, result.ZScore!.Value, 12);
    }

    [Fact]
    public void A_constant_baseline_gives_no_z_score()
    {
        var result = DriftCalculator.Compute(Current(11), [Run(new FeatureStat(10, 0, 20))], 10, 3)["t_mean"];

        Assert.Equal(0, result.BaselineStd);
        Assert.Null(result.ZScore);
        Assert.False(result.Drifted);
    }

    private static Dictionary<string, FeatureStat> Current(double mean) => new() { ["t_mean"] = new FeatureStat(mean, 1, 10) };

    private static FeatureRun Run(FeatureStat stat) => new(At, new Dictionary<string, FeatureStat> { ["t_mean"] = stat });
}
