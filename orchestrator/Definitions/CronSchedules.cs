using Cronos;

namespace Pipeline.Orchestrator.Definitions;

/// <summary>
/// Cron schedules as triggers write them: five fields (minute hour day month weekday), six with seconds first, or a
/// macro such as <c>@daily</c>, read by Cronos in an IANA time zone. One place for the validator, the scheduler and the
/// designer's preview, so all three read a schedule the same way.
/// </summary>
public static class CronSchedules
{
    /// <summary>Adds a problem at <paramref name="path"/>'s <c>schedule</c> or <c>timeZone</c> for each thing wrong.</summary>
    public static void Check(string? schedule, string? timeZone, string path, List<DefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var schedulePath = JsonPaths.Property(path, "schedule");
        if (string.IsNullOrWhiteSpace(schedule))
        {
            problems.Add(new(schedulePath, "a cron trigger needs a schedule"));
        }
        else if (FieldCount(schedule) is not (5 or 6) && !schedule.StartsWith('@'))
        {
            problems.Add(new(schedulePath, $"'{schedule}' has {FieldCount(schedule)} fields; expected 5 (minute hour day month weekday) or 6 (with seconds first)"));
        }
        else
        {
            try
            {
                Parse(schedule);
            }
            catch (CronFormatException e)
            {
                problems.Add(new(schedulePath, $"'{schedule}' is not a valid cron expression: {e.Message}"));
            }
        }

        if (timeZone is not null && FindZone(timeZone) is null)
        {
            problems.Add(new(JsonPaths.Property(path, "timeZone"), $"unknown time zone '{timeZone}'; expected an IANA id such as Europe/Berlin or UTC"));
        }
    }

    /// <summary>Parses a schedule; throws <see cref="CronFormatException"/> on a bad one (call <see cref="Check"/> first).</summary>
    public static CronExpression Parse(string schedule) =>
        CronExpression.Parse(schedule, FieldCount(schedule) == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);

    /// <summary>The time zone of an IANA (or Windows) id; null when unknown or not shaped like one. A missing id means UTC.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        id is null ? TimeZoneInfo.Utc : Pipeline.Steps.Confinement.TimeZoneIds.TryFind(id, out var zone) ? zone : null;

    private static int FieldCount(string schedule) => schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
