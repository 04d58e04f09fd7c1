using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>A partitioned step's <c>partitions</c>, <c>${{ partition.key }}</c>, and the materialize trigger.</summary>
public sealed class PartitionValidationTests
{
    private static WorkflowDefinition Partitioned(StepPartitions partitions, params string[] args) =>
        TestDefinitions.Valid().WithStep(1, s => s with { Partitions = partitions, Args = [.. s.Args, .. args] });

    [Fact]
    public void A_step_fans_out_over_an_upstream_step_s_partitions_or_over_keys() =>
        Assert.Empty(WorkflowValidator.Validate(Partitioned(new() { FromStep = "chunk", Asset = "readings", Order = PartitionOrders.NewestFirst, MaxParallel = 4 }, "--partition", "${{ partition.key }}")
            .WithStep(2, s => s with { Partitions = new() { Keys = "${{ inputs.day }}..2024-12-31" } })));

    [Fact]
    public void Keys_and_from_step_are_one_or_the_other() =>
        ProblemAssert.Only(Partitioned(new() { FromStep = "chunk", Keys = "2024-01-01" }), "$.steps[1].partitions",
            "give exactly one of 'fromStep' (an upstream step whose manifest names the partitions) or 'keys' (a template of days and ranges)");

    [Fact]
    public void The_step_named_must_be_one_it_depends_on() =>
        ProblemAssert.Only(Partitioned(new() { FromStep = "train" }), "$.steps[1].partitions.fromStep",
            "'train' must be in the step's dependsOn: its partitions are known once it has succeeded");

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Max_parallel_is_1_to_1000(int max) =>
        ProblemAssert.Only(Partitioned(new() { FromStep = "chunk", MaxParallel = max }), "$.steps[1].partitions.maxParallel", $"must be 1 to 1000, not {max}");

    [Fact]
    public void The_order_is_oldest_or_newest_first() =>
        ProblemAssert.Only(Partitioned(new() { FromStep = "chunk", Order = "random" }), "$.steps[1].partitions.order",
            "unknown order 'random'; expected one of oldest-first, newest-first");

    [Fact]
    public void Only_a_partitioned_step_runs_for_a_partition() =>
        ProblemAssert.Only(TestDefinitions.Valid().WithStep(2, s => s with { Args = [.. s.Args, "${{ partition.key }}"] }), "$.steps[2].args[4]",
            "partition.key: only a partitioned step (one with 'partitions') runs for a partition");

    [Fact]
    public void Keys_cannot_use_the_partition_they_make() =>
        ProblemAssert.Only(Partitioned(new() { Keys = "${{ partition.key }}" }), "$.steps[1].partitions.keys",
            "partition.key: only a partitioned step (one with 'partitions') runs for a partition");

    [Fact]
    public void A_materialize_trigger_names_an_asset_and_a_string_input()
    {
        var withDays = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput>(TestDefinitions.Valid().Inputs) { ["days"] = new() { Default = "" } },
        };
        Assert.Empty(WorkflowValidator.Validate(withDays.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Materialize, Asset = "features", Input = "days" })));
        ProblemAssert.Only(withDays.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Materialize, Input = "days" }), "$.triggers[0].asset",
            "a materialize trigger names the asset whose days it makes");
        ProblemAssert.Only(withDays.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Materialize, Asset = "features", Input = "day" }), "$.triggers[0].input",
            "input 'day' is of type date; the days asked for are a string input");
        ProblemAssert.Only(withDays.WithTrigger(new TriggerDefinition { Type = TriggerTypes.Cron, Schedule = "@daily", Asset = "features", Inputs = new Dictionary<string, string> { ["day"] = "2024-01-01" } }), "$.triggers[0].asset",
            "'asset' applies to materialize triggers only, not cron");
    }
}
