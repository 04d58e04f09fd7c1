namespace Pipeline.Benchmarks.Generation;

/// <summary>One synthetic sensor: its id as UTF-8 bytes and its fixed offset in each value column.</summary>
internal sealed record SensorProfile(byte[] Id, double[] Offsets);
