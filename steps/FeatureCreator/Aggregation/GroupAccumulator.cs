using Pipeline.Steps.Features;

namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>Everything known about one sensor-day: its reading count and one accumulator per selected value column.</summary>
internal sealed class GroupAccumulator
{
    public GroupAccumulator(int columns) => Columns = new ColumnAccumulator[columns];

    /// <summary>Rows of the sensor-day, whatever their values.</summary>
    public long Readings { get; set; }

    public ColumnAccumulator[] Columns { get; }

    public void Merge(GroupAccumulator other)
    {
        Readings += other.Readings;
        for (var i = 0; i < Columns.Length; i++)
        {
            Columns[i].Merge(other.Columns[i]);
        }
    }
}
