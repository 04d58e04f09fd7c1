using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>How close together a schedule fires, against the server's minimum interval.</summary>
public sealed class CronFrequencyTests
{
    [Theory]
    [InlineData("* * * * * *", 60, 1)]
    [InlineData("*/30 * * * * *", 60, 30)]
    [InlineData("0,30 * * * * *", 60, 30)]
    [InlineData("0,1 0 * * *", 3600, 60)]
    [InlineData("* * * * 1", 120, 60)]
    [InlineData("* 9-17 * * 1-5", 120, 60)]
    [InlineData("0 0,59 0,23 * * *", 600, 60)]
    [InlineData("@every_second", 2, 1)]
    [InlineData("*/5 * * * *", 3600, 300)]
    public void A_schedule_firing_closer_than_the_minimum_gives_a_gap_that_is_too_short(string schedule, int minimumSeconds, int gapSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(gapSeconds), CronFrequency.GapShorterThan(CronSchedules.Parse(schedule), TimeSpan.FromSeconds(minimumSeconds)));

    [Theory]
    [InlineData("* * * * *", 60)]
    [InlineData("0 * * * * *", 60)]
    [InlineData("*/5 * * * *", 300)]
    [InlineData("0 2 * * *", 86400)]
    [InlineData("@hourly", 3600)]
    [InlineData("0 0 1 * *", 86400 * 28)]
    [InlineData("* * * * * *", 1)]
    [InlineData("* * * * * *", 0)]
    public void A_schedule_at_or_above_the_minimum_passes(string schedule, int minimumSeconds) =>
        Assert.Null(CronFrequency.GapShorterThan(CronSchedules.Parse(schedule), TimeSpan.FromSeconds(minimumSeconds)));

    [Fact]
    public void Each_too_frequent_cron_trigger_is_a_problem_at_its_schedule_naming_the_setting()
    {
        var definition = new WorkflowDefinition
        {
            Id = "w",
            Name = "W",
            Steps = [new StepDefinition { Id = "a", Command = "/bin/true" }],
            Triggers =
            [
                new TriggerDefinition { Type = TriggerTypes.Cron, Schedule = "0 2 * * *" },
                new TriggerDefinition { Type = TriggerTypes.Http, Path = "go" },
                new TriggerDefinition { Type = TriggerTypes.Cron, Schedule = "*/10 * * * * *" },
                new TriggerDefinition { Type = TriggerTypes.Cron, Schedule = "not a schedule" },
            ],
        };

        var problem = Assert.Single(CronFrequency.Check(definition, TimeSpan.FromMinutes(1)));

        Assert.Equal("$.triggers[2].schedule", problem.Path);
        Assert.Equal("'*/10 * * * * *' fires 10 s apart; cron triggers on this server may fire at most once every 1 min (Scheduler:MinimumInterval)", problem.Message);
    }
}
