namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// An NA token is kept apart from a real NaN by a NaN with its own payload bits: one double per value instead of
/// a separate null mask, and NaN/Infinity from the data survive untouched for the FeatureCreator to count.
/// </summary>
internal static class MissingValue
{
    private const long Bits = 0x7FF8_0000_4E41_4E41; // a quiet NaN whose payload spells "NANA"

    public static readonly double Na = BitConverter.Int64BitsToDouble(Bits);

    public static bool IsNa(double value) => BitConverter.DoubleToInt64Bits(value) == Bits;
}
