using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

internal static class ProblemAssert
{
    /// <summary>Validates and asserts there is exactly the one problem expected.</summary>
    public static void Only(WorkflowDefinition definition, string path, string message)
    {
        var problems = WorkflowValidator.Validate(definition);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Equal(message, problem.Message);
    }
}
