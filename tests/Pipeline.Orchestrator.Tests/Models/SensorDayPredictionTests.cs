using System.Globalization;
using System.Text.Json.Nodes;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>
/// Online prediction from the raw readings of one sensor-day, taken from the bundled sample's CSV as it is: the
/// features must be the ones the FeatureCreator computed in the real sensor-prediction run, and the cluster and
/// distance the ones batch ClusterPredict wrote.
/// </summary>
[Collection(ShippedModelFixture.Collection)]
public sealed class SensorDayPredictionTests(ShippedModelFixture sample)
{
    private const string Sensor = "Aotizhongxin";

    // The sensor-prediction workflow's default zone: the sample's wall times are Beijing's.
    private const string Zone = "Asia/Shanghai";

    [Theory]
    [InlineData("2013-03-01")]
    [InlineData("2013-03-25")] // CO missing for 16 hours, O3 for 7: NA readings in the counts, means and shares
    public async Task Raw_readings_give_the_feature_creators_features_and_the_batch_prediction(string dayText)
    {
        var day = DateOnly.Parse(dayText, CultureInfo.InvariantCulture);
        var (status, body) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = Readings(day) });
        Assert.True(status == 200, body?.ToJsonString());
        Assert.Equal(1, body!["version"]!.GetValue<int>());
        var sensorDay = body["sensorDay"]!;
        Assert.Equal(Sensor, sensorDay["sensorId"]!.GetValue<string>());
        Assert.Equal(24, sensorDay["readings"]!.GetValue<int>());
        Assert.False(sensorDay["lowReadings"]!.GetValue<bool>());

        var computed = sensorDay["features"]!.AsObject();
        var statistics = computed.Select(f => f.Key).Where(f => !f.EndsWith("_count", StringComparison.Ordinal)).ToList();
        Assert.Equal(11 * 5, statistics.Count);
        var batch = await sample.BatchFeaturesAsync(statistics);
        var row = Enumerable.Range(0, batch.Rows).Single(r => batch.SensorIds[r] == Sensor && batch.Days[r] == day);
        for (var i = 0; i < statistics.Count; i++)
        {
            var expected = batch.Columns[i][row];
            var actual = computed[statistics[i]]?.GetValue<double>() ?? double.NaN;
            Assert.True(double.IsNaN(expected) ? double.IsNaN(actual) : Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                $"{statistics[i]}: batch {expected}, online {actual}");
        }

        var prediction = (await sample.BatchPredictionsAsync())[(Sensor, day)];
        Assert.Equal(prediction.Cluster, body["predictions"]![0]!["cluster"]!.GetValue<int>());
        Assert.Equal(prediction.Distance, body["predictions"]![0]!["distance"]!.GetValue<double>(), 6);
    }

    [Fact]
    public async Task Readings_that_do_not_make_the_day_are_refused_by_path()
    {
        var readings = Readings(new DateOnly(2013, 3, 1));
        var values = readings["values"]!.AsArray();
        values[3]!["timestamp"] = "March 1st";
        values[4]!["timestamp"] = "2013-03-02T00:30:00";
        values[5]!["timestamp"] = "2013-03-01T00:00:00+08:00"; // the same instant as values[0]
        values[6]!["TEMP"] = "warm";
        values[7]!.AsObject().Remove("PRES");
        foreach (var value in values)
        {
            value!.AsObject().Remove("DEWP");
        }

        var (status, problem) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = readings });
        Assert.Equal(422, status);
        var errors = problem!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["readings.values[*].DEWP", "readings.values[3].timestamp", "readings.values[4].timestamp", "readings.values[5].timestamp", "readings.values[6].TEMP", "readings.values[7].PRES"],
            errors);

        var (zone, zoneProblem) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = Readings(new DateOnly(2013, 3, 1), "Mars/Olympus") });
        Assert.Equal(422, zone);
        Assert.NotNull(zoneProblem!["errors"]!["readings.timeZone"]);
        var (both, bothProblem) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = Readings(new DateOnly(2013, 3, 1)), ["rows"] = new JsonArray() });
        Assert.Equal(422, both);
        Assert.NotNull(bothProblem!["errors"]!["readings"]);
    }

    [Theory]
    [InlineData("America")]
    [InlineData("posix")]
    [InlineData("..")]
    [InlineData("America/")]
    [InlineData("/etc/passwd")]
    [InlineData("Europe//Berlin")]
    public async Task A_time_zone_that_names_a_folder_or_a_path_is_refused_at_readings_timeZone(string zone)
    {
        var (status, problem) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = Readings(new DateOnly(2013, 3, 1), zone) });

        Assert.True(status == 422, problem?.ToJsonString());
        Assert.Equal($"'{zone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)", problem!["errors"]!["readings.timeZone"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_day_the_model_cannot_place_is_refused_with_its_features()
    {
        // CO was not measured at all on 24 March: CO_mean and CO_std are undefined, as in the batch features.
        var (status, problem) = await sample.Server.PostAsync("/api/models/beijing/predict", new JsonObject { ["readings"] = Readings(new DateOnly(2013, 3, 24)) });
        Assert.Equal(422, status);
        Assert.NotNull(problem!["errors"]!["readings.values[*].CO"]);
        Assert.Equal(0, problem["sensorDay"]!["features"]!["CO_count"]!.GetValue<int>());
        Assert.Null(problem["sensorDay"]!["features"]!["CO_mean"]);
        Assert.DoesNotContain((await sample.BatchPredictionsAsync()).Keys, k => k == (Sensor, new DateOnly(2013, 3, 24)));
    }

    /// <summary>The sample's rows of the sensor-day as readings: wall times from year, month, day and hour, NA as null.</summary>
    private static JsonObject Readings(DateOnly day, string zone = Zone)
    {
        var lines = File.ReadAllLines(Path.Combine(SharedData.BundledSample, $"PRSA_Data_{Sensor}_201303.csv"));
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        string[] notValues = ["No", "year", "month", "day", "hour", "wd", "station"];
        var values = new JsonArray();
        foreach (var fields in lines.Skip(1).Select(l => l.Split(',')))
        {
            var date = new DateOnly(int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
            if (date != day)
            {
                continue;
            }

            var reading = new JsonObject { ["timestamp"] = string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd}T{int.Parse(fields[4], CultureInfo.InvariantCulture):D2}:00:00") };
            for (var c = 0; c < header.Length; c++)
            {
                if (!notValues.Contains(header[c]))
                {
                    reading[header[c]] = fields[c] == "NA" ? null : double.Parse(fields[c], CultureInfo.InvariantCulture);
                }
            }

            values.Add(reading);
        }

        return new JsonObject { ["sensorId"] = Sensor, ["day"] = $"{day:yyyy-MM-dd}", ["timeZone"] = zone, ["values"] = values };
    }
}
