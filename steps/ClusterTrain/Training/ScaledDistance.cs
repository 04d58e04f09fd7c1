using Pipeline.Steps.Formats.Registry;

namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// Squared Euclidean distance between two points in a model's scaling, scaled = (value − offset) × scale (the offsets
/// cancel): every feature weighs the same. A scale of 0 (a feature constant in training) counts as 1.
/// </summary>
internal static class ScaledDistance
{
    public static double Squared(double[] a, double[] b, FeatureScaling scaling)
    {
        var scales = scaling.Scales;
        var sum = 0.0;
        for (var f = 0; f < a.Length; f++)
        {
            var d = (a[f] - b[f]) * (scales[f] == 0 ? 1 : scales[f]);
            sum += d * d;
        }

        return sum;
    }
}
