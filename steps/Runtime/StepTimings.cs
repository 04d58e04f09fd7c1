using System.Diagnostics;

namespace Pipeline.Steps.Runtime;

/// <summary>Wall time per named phase; a phase measured twice adds up.</summary>
public sealed class StepTimings
{
    private readonly Dictionary<string, double> _milliseconds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Times the phase until the returned handle is disposed.</summary>
    public PhaseTimer Measure(string phase) => new(this, phase, Stopwatch.GetTimestamp());

    public void Add(string phase, double milliseconds)
    {
        lock (_gate)
        {
            _milliseconds[phase] = _milliseconds.GetValueOrDefault(phase) + milliseconds;
        }
    }

    public IReadOnlyDictionary<string, double> Snapshot()
    {
        lock (_gate)
        {
            return _milliseconds.ToDictionary(p => p.Key, p => Math.Round(p.Value, 3), StringComparer.Ordinal);
        }
    }

    /// <summary>Adds the elapsed time to its phase when disposed.</summary>
    public readonly struct PhaseTimer(StepTimings owner, string phase, long start) : IDisposable
    {
        public void Dispose() => owner.Add(phase, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
