using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Scenarios;

/// <summary>One fault-injection scenario: sets up its servers, breaks something, and measures (one row of the report).</summary>
internal interface IScenario
{
    /// <summary>The name --scenario takes.</summary>
    string Name { get; }

    /// <summary>One line for --help.</summary>
    string Summary { get; }

    /// <summary>Whether the short form runs it (the test command); a long scenario runs in the long form, or when named.</summary>
    bool InShortForm => true;

    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
