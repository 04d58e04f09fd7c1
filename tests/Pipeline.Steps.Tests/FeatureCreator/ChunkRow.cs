namespace Pipeline.Steps.Tests.FeatureCreator;

/// <summary>One row of a chunk file as the Chunker writes it.</summary>
public sealed record ChunkRow(string SensorId, DateTime Timestamp, DateOnly Date, double? Temperature, double? Humidity, string? Note);
