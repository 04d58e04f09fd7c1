namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Guesses a row's sensor from the row before: sensor CSV lists the sensors of each instant in the same order, so
/// the sensor that followed this one last time is nearly always the one that follows it now. Checking the guess is
/// one short comparison; looking a sensor id up by hash was the costliest part of a plain row.
/// </summary>
internal sealed class SensorSuccessors
{
    private readonly List<int> _next = [];
    private int _previous = -1;

    /// <summary>The sensor (local id) that followed the previous row's sensor last time, or -1.</summary>
    public int Guess() => _previous < 0 ? -1 : _next[_previous];

    /// <summary>Makes room for a newly numbered sensor.</summary>
    public void Added() => _next.Add(-1);

    /// <summary>Records the sensor of this row (after the previous row's).</summary>
    public void Saw(int sensor)
    {
        if (_previous >= 0)
        {
            _next[_previous] = sensor;
        }

        _previous = sensor;
    }
}
