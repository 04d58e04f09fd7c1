using System.Text.Json;
using Pipeline.Orchestrator.Models;
using Pipeline.Steps.Features;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// The readings form of <c>POST /api/models/{name}/predict</c>: one sensor-day's raw readings, featurised with the
/// FeatureCreator's code, then scored like a feature row. The answer carries the computed features too, so a client
/// can see what the model saw. A day whose feature the model needs is undefined (a column with no finite value, or
/// one for a std) cannot be placed: batch prediction leaves such a day unassigned, here it is refused with the
/// features it got.
/// </summary>
internal static class SensorDayPredictions
{
    public static IResult Predict(string name, JsonElement readings, OnlineModel model)
    {
        var version = model.Metadata.Version;
        var columnOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in model.Metadata.Features)
        {
            if (!SensorDayFeatures.TryParse(feature, out var column, out _))
            {
                return ApiProblems.Conflict($"version {version} of '{name}' uses feature '{feature}', which is not a statistic of a value column; send feature rows instead");
            }

            columnOf[feature] = column;
        }

        var (day, problems) = SensorDayReadings.Read(readings, columnOf.Values.ToHashSet(StringComparer.Ordinal));
        if (day is null)
        {
            return Results.ValidationProblem(problems, detail: $"the readings do not make a sensor-day for version {version} of '{name}'", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid");
        }

        var features = day.Features();
        var vector = new float[model.Metadata.Features.Count];
        var undefined = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < vector.Length; i++)
        {
            var feature = model.Metadata.Features[i];
            if (features[feature] is { } value && double.IsFinite(value))
            {
                vector[i] = (float)value;
            }
            else
            {
                var column = columnOf[feature];
                undefined.TryAdd($"readings.values[*].{column}", [$"{feature} is undefined for this day (too few finite {column} values), so the day cannot be placed"]);
            }
        }

        var sensorDay = new SensorDayView(day.SensorId, day.Day, day.TimeZone, day.Readings, day.LowReadings, features);
        if (undefined.Count > 0)
        {
            return Results.ValidationProblem(undefined, detail: $"the day lacks features version {version} of '{name}' needs", statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Invalid", extensions: new Dictionary<string, object?> { ["sensorDay"] = sensorDay });
        }

        var (cluster, distance) = model.Predict([vector])[0];
        return TypedResults.Ok(new PredictionsView(name, version, [new PredictionView(cluster, distance)]) { SensorDay = sensorDay });
    }
}
