using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>One fault-injection scenario: sets up its servers, breaks something, and measures (one row of the report).</summary>
internal interface IScenario
{
    /// <summary>The name --scenario takes.</summary>
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Summary { get; }

    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
