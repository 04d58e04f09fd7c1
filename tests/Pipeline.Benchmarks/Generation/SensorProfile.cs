namespace Pipeline.Benchmarks.Generation;

/// <summary>One synthetic sensor: its id as UTF-8 bytes and its fixed offsets from the common cycle.</summary>
internal sealed record SensorProfile(byte[] Id, double TemperatureOffset, double HumidityOffset);
