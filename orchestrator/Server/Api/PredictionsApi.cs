using System.Text.Json;
using Pipeline.Orchestrator.Http;
using Pipeline.Orchestrator.Models;
using Pipeline.Steps.Formats;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Online prediction: <c>POST /api/models/{name}/predict</c> with <c>{"rows": [{"TEMP_mean": 12.5, ...}], "version": 3}</c>
/// (version optional: the production one) gives each row's stable cluster and distance, as batch ClusterPredict
/// would. Instead of rows, <c>{"readings": {"day": ..., "values": [...]}}</c> sends the raw readings of one sensor-day,
/// featurised as the FeatureCreator does (<see cref="SensorDayPredictions"/>). Every problem is named by its path
/// (<c>rows[2].PM25_mean</c>, <c>readings.values[3].timestamp</c>).
/// </summary>
internal static class PredictionsApi
{
    /// <summary>Rows in one request at most; more belong in a batch run (sensor-prediction).</summary>
    public const int MaxRows = 10_000;

    private const string Shape = "the body must be {\"rows\": [{feature: number, ...}, ...]} or {\"readings\": {\"day\": \"yyyy-MM-dd\", \"values\": [...]}}";

    /// <summary>
    /// Mapped with its own body limit (<c>Server:MaxPredictBodyBytes</c>, 32 MiB): 10,000 rows are far more than the
    /// 1 MiB every other endpoint reads.
    /// </summary>
    public static void MapPredictionsApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/models/{name}/predict", Predict).Accepts<JsonElement>("application/json").WithTags("Models")
            .WithMetadata(new BodyLimit(app.ServiceProvider.GetRequiredService<BodyLimitOptions>().MaxPredictBodyBytes, "Server:MaxPredictBodyBytes"))
            .WithSummary("Clusters and distances of feature rows, or of one sensor-day's raw readings, from the production version or a given one");

    private static IResult Predict(string name, JsonElement body, OnlineModels models)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return ApiProblems.InvalidField("rows", Shape);
        }

        var hasRows = body.TryGetProperty("rows", out var rows);
        var hasReadings = body.TryGetProperty("readings", out var readings);
        if (hasRows == hasReadings)
        {
            return ApiProblems.InvalidField(hasRows ? "readings" : "rows", hasRows ? "send rows or readings, not both" : Shape);
        }

        if (hasRows && (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0))
        {
            return ApiProblems.InvalidField("rows", "the body must be {\"rows\": [{feature: number, ...}, ...]} with at least one row");
        }

        if (hasRows && rows.GetArrayLength() > MaxRows)
        {
            return ApiProblems.InvalidField("rows", $"at most {MaxRows} rows a request; run sensor-prediction for more");
        }

        int? version = null;
        if (body.TryGetProperty("version", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Number || !given.TryGetInt32(out var number) || number < 1)
            {
                return ApiProblems.InvalidField("version", "the version must be a positive integer");
            }

            version = number;
        }

        OnlineModel? model;
        try
        {
            model = models.Get(name, version);
        }
        catch (StepException e) when (e.ExitCode == StepExitCodes.NoInput)
        {
            return ApiProblems.NotFound(e.Message);
        }
        catch (StepException e)
        {
            return ModelsApi.Unreadable(e);
        }

        if (model is null)
        {
            return ApiProblems.Conflict($"model '{name}' has no production version yet; name a version or promote one");
        }

        return hasRows ? PredictRows(name, rows, model) : SensorDayPredictions.Predict(name, readings, model);
    }

    private static IResult PredictRows(string name, JsonElement rows, OnlineModel model)
    {
        var (vectors, problems) = FeatureRows.Read(rows, model.Metadata.Features);
        if (problems.Count > 0)
        {
            return Results.ValidationProblem(problems, detail: $"the rows do not fit version {model.Metadata.Version} of '{name}'", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid");
        }

        var predictions = model.Predict(vectors);
        return TypedResults.Ok(new PredictionsView(name, model.Metadata.Version, [.. predictions.Select(p => new PredictionView(p.Cluster, p.Distance))]));
    }
}
