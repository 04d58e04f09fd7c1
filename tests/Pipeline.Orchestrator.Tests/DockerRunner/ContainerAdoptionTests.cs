using Docker.DotNet.Models;
using Pipeline.Orchestrator.DockerRunner;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Tests.DockerRunner;

/// <summary>Which container an attempt takes over after a server restart instead of starting the step again.</summary>
public sealed class ContainerAdoptionTests
{
    private static readonly AttemptKey Third = new("run-1", "train", 3);

    private static ContainerListResponse Container(string id, int attempt, string state, int minute = 0) => new()
    {
        ID = id,
        State = state,
        Created = new DateTime(2026, 1, 1, 0, minute, 0, DateTimeKind.Utc),
        Labels = new Dictionary<string, string> { [ContainerLabels.Attempt] = attempt.ToString() },
    };

    [Fact]
    public void Nothing_found_means_a_new_container()
    {
        Assert.Null(ContainerAdoption.Choose(Third, []));
    }

    [Theory]
    [InlineData("running")]
    [InlineData("exited")]
    [InlineData("created")]
    public void The_attempts_own_container_is_adopted_in_any_state(string state)
    {
        Assert.Equal("own", ContainerAdoption.Choose(Third, [Container("old", 2, "running"), Container("own", 3, state)])?.ID);
    }

    [Fact]
    public void A_still_running_container_of_an_earlier_attempt_is_adopted_so_the_step_does_not_run_twice()
    {
        Assert.Equal("second", ContainerAdoption.Choose(Third, [Container("first", 1, "running"), Container("second", 2, "running")])?.ID);
    }

    [Fact]
    public void An_earlier_attempt_that_ended_or_a_later_one_is_not_adopted()
    {
        Assert.Null(ContainerAdoption.Choose(Third, [Container("failed", 2, "exited"), Container("later", 4, "running")]));
    }

    [Fact]
    public void A_container_without_an_attempt_label_is_ignored()
    {
        var stray = new ContainerListResponse { ID = "stray", State = "running", Labels = new Dictionary<string, string>() };

        Assert.Null(ContainerAdoption.Choose(Third, [stray]));
    }
}
