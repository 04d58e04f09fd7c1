using System.Text.Json.Nodes;

namespace Pipeline.Chaos.Measuring;

/// <summary>
/// An acknowledged run as the API shows it after the recovery deadline: its state ("missing" when the server does
/// not know it: lost), when it finished, and its detail (steps and attempts, with the worker of each).
/// </summary>
internal sealed record RunOutcome(string RunId, string State, DateTimeOffset? FinishedAt, JsonNode? Detail)
{
    public bool Final => State is "succeeded" or "failed" or "cancelled";

    /// <summary>The step's attempts, first first (none when the run is unknown).</summary>
    public IReadOnlyList<AttemptInfo> Attempts(string stepId) =>
        [.. (Detail?["steps"]?.AsArray().FirstOrDefault(s => s?["stepId"]?.GetValue<string>() == stepId)?["attemptHistory"]?.AsArray() ?? [])
            .Where(a => a is not null)
            .Select(a => new AttemptInfo(
                a!["attempt"]!.GetValue<int>(),
                a["state"]?.GetValue<string>() ?? "?",
                a["workerId"]?.GetValue<string>() ?? "?",
                a["startedAt"]!.GetValue<DateTimeOffset>(),
                a["finishedAt"] is JsonNode finished ? finished.GetValue<DateTimeOffset>() : null,
                a["error"]?.GetValue<string>()))
            .OrderBy(a => a.Attempt)];

    /// <summary>Every attempt of every step.</summary>
    public IEnumerable<AttemptInfo> AllAttempts =>
        Detail?["steps"]?.AsArray().Select(s => s?["stepId"]?.GetValue<string>()).OfType<string>().SelectMany(Attempts) ?? [];
}
