namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>Packs (file index, line) into one sortable long: the first occurrence of a duplicate is the smallest.</summary>
internal static class RowOrder
{
    private const int LineBits = 40;

    public static long Of(int fileIndex, long line) => ((long)fileIndex << LineBits) | line;

    public static int File(long order) => (int)(order >> LineBits);

    public static long Line(long order) => order & ((1L << LineBits) - 1);
}
