using Cronos;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Scheduling;

/// <summary>A cron trigger of a published workflow version, parsed: its expression, time zone and catch-up policy.</summary>
public sealed record CronTrigger(string WorkflowId, int Version, int Index, TriggerDefinition Definition, CronExpression Expression, TimeZoneInfo TimeZone, DateTimeOffset PublishedAt)
{
    /// <summary>
    /// Unique per workflow, trigger, schedule and due time, whatever the version: the key that makes each due time
    /// fire once. The trigger's index is part of it, so two triggers on one schedule (other inputs) both fire.
    /// </summary>
    public string DedupKey(DateTimeOffset due) =>
        $"cron:{WorkflowId}:{Index}:{Definition.Schedule}:{Definition.TimeZone ?? "UTC"}:{due.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    /// <summary>Due times after <paramref name="from"/>, up to and including <paramref name="to"/>.</summary>
    public IEnumerable<DateTimeOffset> DueBetween(DateTimeOffset from, DateTimeOffset to) =>
        from >= to ? [] : Expression.GetOccurrences(from, to, TimeZone, fromInclusive: false, toInclusive: true);

    public DateTimeOffset? NextAfter(DateTimeOffset now) => Expression.GetNextOccurrence(now, TimeZone);

    /// <summary>Parses a definition's trigger; the definition was validated, so a bad expression here is a bug.</summary>
    public static CronTrigger Parse(string workflowId, int version, int index, TriggerDefinition trigger, DateTimeOffset publishedAt)
    {
        var schedule = trigger.Schedule ?? throw new InvalidOperationException($"cron trigger {index} of '{workflowId}' has no schedule");
        var zone = CronSchedules.FindZone(trigger.TimeZone) ?? throw new InvalidOperationException($"cron trigger {index} of '{workflowId}' has an unknown time zone");
        return new CronTrigger(workflowId, version, index, trigger, CronSchedules.Parse(schedule), zone, publishedAt);
    }
}
