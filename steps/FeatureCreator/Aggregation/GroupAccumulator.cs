using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// Everything known about one sensor-day: its reading count, one accumulator per selected value column, and what each
/// text column read for sensor attributes held.
/// </summary>
internal sealed class GroupAccumulator
{
    public GroupAccumulator(int columns, int texts = 0)
    {
        Columns = new ColumnAccumulator[columns];
        Texts = texts == 0 ? [] : new TextValue[texts];
    }

    /// <summary>Rows of the sensor-day, whatever their values.</summary>
    public long Readings { get; set; }

    public ColumnAccumulator[] Columns { get; }

    public TextValue[] Texts { get; }

    public void Merge(GroupAccumulator other)
    {
        Readings += other.Readings;
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].Merge(other.Columns[i]);
        }

        for (var i = 0; i < Texts.Length; i++)
        {
            Texts[i].Merge(other.Texts[i]);
        }
    }
}
