using System.Security.Claims;
using Pipeline.Orchestrator.Auth;
using Pipeline.Orchestrator.Datasets;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// The fields that come with a dataset (query string, form fields before the file, or the URL request), checked
/// into a <see cref="DatasetArrival"/>: <c>name</c> (else the file's or URL's name), <c>timeZone</c>, <c>trigger</c>.
/// </summary>
internal sealed record DatasetFields(string? Name, string? TimeZone, string? Trigger)
{
    public static DatasetFields FromQuery(IQueryCollection query) =>
        new(query["name"].FirstOrDefault(), query["timeZone"].FirstOrDefault(), query["trigger"].FirstOrDefault());

    public DatasetFields With(string field, string value) => field switch
    {
        "name" => this with { Name = value },
        "timeZone" => this with { TimeZone = value },
        "trigger" => this with { Trigger = value },
        _ => this,
    };

    /// <summary>A 422 naming the first bad field, or null when all are usable.</summary>
    public IResult? Problem(string? suggestedName)
    {
        var name = Name ?? suggestedName;
        if (name is null)
        {
            return ApiProblems.InvalidField("name", "give the dataset a name (the upload has no file name to take it from)");
        }

        if (!DatasetNames.IsValid(name))
        {
            return ApiProblems.InvalidField("name", $"'{name}' is not a dataset name: {DatasetNames.Rule}");
        }

        if (TimeZone is { Length: > 0 } zone && TimeZoneIds.Problem(zone) is { } unknown)
        {
            return ApiProblems.InvalidField("timeZone", unknown);
        }

        return Trigger is null || bool.TryParse(Trigger, out _) ? null : ApiProblems.InvalidField("trigger", $"'{Trigger}' is not true or false");
    }

    /// <summary>The arrival, for fields <see cref="Problem"/> passed.</summary>
    public DatasetArrival Arrival(string? suggestedName, ClaimsPrincipal user, string? sourceUrl) => new()
    {
        Name = (Name ?? suggestedName)!,
        TimeZone = TimeZone is { Length: > 0 } zone ? zone : null,
        SourceUrl = sourceUrl,
        CreatedBy = user.UserName(),
        Trigger = Trigger is null || bool.Parse(Trigger),
    };
}
