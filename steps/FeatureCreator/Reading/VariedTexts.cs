namespace Pipeline.Steps.FeatureCreator.Reading;

/// <summary>
/// While sensor attributes are being detected, the text columns already seen to vary within a sensor-day, shared by
/// the scan's workers: such a column cannot be an attribute, so it is not decoded again (a wind direction read on
/// every row cost a tenth of the FeatureCreator's time). Its sensor-days are then only marked varied.
/// </summary>
internal sealed class VariedTexts(int columns)
{
    private readonly int[] _varied = new int[columns];

    public bool Contains(int column) => Volatile.Read(ref _varied[column]) != 0;

    public void Add(int column) => Volatile.Write(ref _varied[column], 1);
}
