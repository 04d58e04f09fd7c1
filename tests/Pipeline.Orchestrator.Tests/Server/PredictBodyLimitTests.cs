using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// Online prediction takes up to 10,000 feature rows, more than the 1 MiB every other endpoint accepts: it has its own
/// body limit (<c>Server:MaxPredictBodyBytes</c>), and only it. Rows against a real model: <c>PredictionsApiTests</c>.
/// </summary>
public sealed class PredictBodyLimitTests
{
    [Fact]
    public async Task The_predict_endpoint_reads_bodies_up_to_its_own_limit_and_refuses_larger_ones_saying_which()
    {
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Server:MaxPredictBodyBytes"] = "3000000" });
        var between = Rows(5_000);
        Assert.InRange(Encoding.UTF8.GetByteCount(between.ToJsonString()), 1024 * 1024, 3_000_000);

        // Read whole: the answer is about the model (there is none), not the size.
        var (status, problem) = await server.PostAsync("/api/models/nothing-here/predict", between);
        Assert.True(status == 404, $"{status} {problem?.ToJsonString()}");

        var (tooLarge, tooLargeProblem) = await server.PostAsync("/api/models/nothing-here/predict", Rows(10_000));
        Assert.Equal(413, tooLarge);
        Assert.Contains("Server:MaxPredictBodyBytes", tooLargeProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Every other endpoint keeps Server:MaxRequestBodyBytes.
        var (validate, validateProblem) = await server.PostAsync("/api/workflows/validate", between);
        Assert.Equal(413, validate);
        Assert.Contains("Server:MaxRequestBodyBytes", validateProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary><paramref name="count"/> rows of 11 features at full double precision (about 300 bytes a row).</summary>
    private static JsonObject Rows(int count)
    {
        var rows = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var row = new JsonObject();
            for (var f = 0; f < 11; f++)
            {
                row[$"F{f}_mean"] = (i * 11 + f) / 7.0 + 0.123456789012345;
            }

            rows.Add(row);
        }

        return new JsonObject { ["rows"] = rows };
    }
}
