namespace Pipeline.Orchestrator.Engine.Telemetry;

/// <summary>One value a step's manifest reported, for one of the data gauges (<see cref="DataInstruments"/>).</summary>
/// <param name="Instrument">The gauge's OpenTelemetry name.</param>
/// <param name="Value">The value.</param>
/// <param name="Labels">Its labels beyond workflow and step (stage, kind, feature, model version, cluster).</param>
public sealed record DataPoint(string Instrument, double Value, IReadOnlyList<KeyValuePair<string, object?>> Labels);
