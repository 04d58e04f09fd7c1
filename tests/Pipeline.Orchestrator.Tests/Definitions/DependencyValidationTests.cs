using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class DependencyValidationTests
{
    [Fact]
    public void Dependencies_must_name_a_step() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { DependsOn = ["chunk", "chunks"] }),
            "$.steps[1].dependsOn[1]",
            "unknown step 'chunks'");

    [Fact]
    public void A_step_does_not_depend_on_itself() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { DependsOn = ["chunk", "features"] }),
            "$.steps[1].dependsOn[1]",
            "step 'features' depends on itself");

    [Fact]
    public void A_dependency_is_listed_once() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { DependsOn = ["chunk", "chunk"] }),
            "$.steps[1].dependsOn[1]",
            "'chunk' is listed twice");

    [Fact]
    public void A_cycle_is_reported_with_its_steps() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { DependsOn = ["train"] }),
            "$.steps[0].dependsOn",
            "dependency cycle: chunk -> train -> features -> chunk (each step depends on the next)");

    [Fact]
    public void A_cycle_is_reported_from_its_first_step_in_the_file()
    {
        // The walk enters the cycle at "c" through "entry"; the report still starts at "a", the first step listed.
        var definition = TestDefinitions.Valid() with
        {
            Inputs = new Dictionary<string, WorkflowInput>(),
            Steps =
            [
                TestDefinitions.Step("entry", ["c"]),
                TestDefinitions.Step("a", ["b"]),
                TestDefinitions.Step("b", ["c"]),
                TestDefinitions.Step("c", ["a"]),
            ],
        };
        ProblemAssert.Only(definition, "$.steps[1].dependsOn", "dependency cycle: a -> b -> c -> a (each step depends on the next)");
    }
}
