using System.Buffers;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Array pools for text blocks and parsed batches, bounded to a few arrays per size: the shared pool keeps
/// arrays per core and per thread, tens of megabytes of idle blocks that count against the memory budget.
/// </summary>
internal static class ParsingPools
{
    private const int MaxLength = 64 << 20;
    private const int PerSize = 8;

    public static ArrayPool<char> Chars { get; } = ArrayPool<char>.Create(MaxLength, PerSize);

    public static ArrayPool<long> Longs { get; } = ArrayPool<long>.Create(MaxLength, PerSize);

    public static ArrayPool<int> Ints { get; } = ArrayPool<int>.Create(MaxLength, PerSize);

    public static ArrayPool<double> Doubles { get; } = ArrayPool<double>.Create(MaxLength, PerSize);
}
