using Pipeline.Chaos.Measuring;

namespace Pipeline.Chaos.Report;

/// <summary>The --json file: the suite's form and seed, and one entry per scenario (the table's rows and more).</summary>
internal sealed record ChaosReport(string Form, int Seed, DateTimeOffset StartedAt, double DurationSeconds, string ServerDll, bool TargetsMet, IReadOnlyList<ScenarioResult> Scenarios);
