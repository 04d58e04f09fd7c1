using System.Globalization;
using Cronos;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>
/// How close together a cron schedule fires, for <see cref="SchedulerOptions.MinimumInterval"/>. Fire times are
/// looked at in UTC over two days (or two minimum intervals) from the first one after a fixed date, which covers every
/// gap within a day and between two firing days; a schedule whose days are restricted to month ends and starts
/// could hide a shorter gap at a month boundary (not looked for).
/// </summary>
public static class CronFrequency
{
    private static readonly DateTime From = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The first gap between two fire times shorter than <paramref name="minimum"/>, or null when there is none.</summary>
    public static TimeSpan? GapShorterThan(CronExpression expression, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(expression);
        // A second is cron's resolution: no schedule fires closer than that, so there is nothing to look at.
        if (minimum <= TimeSpan.FromSeconds(1) || expression.GetNextOccurrence(From, inclusive: true) is not { } first)
        {
            return null;
        }

        var until = first + (minimum * 2 > TimeSpan.FromDays(2) ? minimum * 2 : TimeSpan.FromDays(2));
        var previous = first;
        while (expression.GetNextOccurrence(previous) is { } next && next <= until)
        {
            if (next - previous < minimum)
            {
                return next - previous;
            }

            previous = next;
        }

        return null;
    }

    /// <summary>
    /// A problem at <c>$.triggers[i].schedule</c> for each cron trigger firing more often than
    /// <paramref name="minimum"/>; schedules that do not parse are the validator's problem, not looked at here.
    /// </summary>
    public static IEnumerable<DefinitionProblem> Check(WorkflowDefinition definition, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(definition);
        for (var i = 0; i < (definition.Triggers?.Count ?? 0); i++)
        {
            if (definition.Triggers![i] is not { Type: TriggerTypes.Cron, Schedule: { } schedule })
            {
                continue;
            }

            CronExpression expression;
            try
            {
                expression = CronSchedules.Parse(schedule);
            }
            catch (CronFormatException)
            {
                continue;
            }

            if (GapShorterThan(expression, minimum) is { } gap)
            {
                yield return new DefinitionProblem(
                    string.Create(CultureInfo.InvariantCulture, $"$.triggers[{i}].schedule"),
                    $"'{schedule}' fires {Text(gap)} apart; cron triggers on this server may fire at most once every {Text(minimum)} (Scheduler:MinimumInterval)");
            }
        }
    }

    /// <summary>A duration in its largest whole unit: <c>1 min</c>, <c>90 s</c>, <c>2 h</c>.</summary>
    private static string Text(TimeSpan span) => span switch
    {
        { Ticks: > 0 } when span.Ticks % TimeSpan.TicksPerDay == 0 => $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)} d",
        { Ticks: > 0 } when span.Ticks % TimeSpan.TicksPerHour == 0 => $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)} h",
        { Ticks: > 0 } when span.Ticks % TimeSpan.TicksPerMinute == 0 => $"{span.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min",
        _ => $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s",
    };
}
