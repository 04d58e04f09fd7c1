using System.Collections.Concurrent;
using System.Text.Json;
using Pipeline.Orchestrator.Engine.Runs;

namespace Pipeline.Orchestrator.Persistence.Rows;

/// <summary>
/// Parsed step specs by their JSON text. Every change of a run reads all its steps, so without this a fan-out of n
/// steps parses n specs for each of its n completions; a spec never changes once stored, and records are immutable,
/// so one parse serves them all.
/// </summary>
internal static class SpecCache
{
    private const int MaxEntries = 50_000;
    private static readonly ConcurrentDictionary<string, StepSpec> Parsed = new(StringComparer.Ordinal);

    public static StepSpec Parse(string json, string where)
    {
        if (Parsed.TryGetValue(json, out var spec))
        {
            return spec;
        }

        spec = JsonSerializer.Deserialize(json, PersistenceJson.Default.StepSpec) ?? throw new InvalidDataException($"step_runs {where} has no spec");
        if (Parsed.Count >= MaxEntries)
        {
            // Crude but bounded: the specs of running runs come back on their next read.
            Parsed.Clear();
        }

        Parsed[json] = spec;
        return spec;
    }
}
