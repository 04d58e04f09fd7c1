using Pipeline.Steps.Chunker.Partitioning;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The accumulator vouches for a chunk's rows being in time order per sensor only when they are: the writer then
/// skips the time sort and the duplicate search, so a wrong "yes" would write unsorted rows or keep duplicates.
/// </summary>
public sealed class ChunkAccumulatorTests
{
    private const long Hour = TimeSpan.TicksPerHour;

    [Fact]
    public void Rows_arriving_in_time_order_per_sensor_are_vouched_for()
    {
        var chunks = Accumulate([("a", 1, 10), ("b", 1, 10), ("a", 2, 10), ("b", 2, 10)], [("b", 3, 11), ("a", 3, 11)]);

        Assert.Equal([(10, true), (11, true)], chunks);
    }

    [Fact]
    public void A_row_earlier_than_one_before_it_of_its_sensor_is_not()
    {
        var chunks = Accumulate([("a", 2, 10), ("b", 1, 10), ("a", 1, 10), ("b", 3, 11)]);

        Assert.Equal([(10, false), (11, true)], chunks);
    }

    [Fact]
    public void A_second_row_at_the_same_time_is_not()
    {
        var chunks = Accumulate([("a", 1, 10), ("b", 1, 10)], [("a", 1, 10)]);

        Assert.Equal([(10, false)], chunks);
    }

    [Fact]
    public void Appending_another_buffer_clears_it()
    {
        var pool = new RowSegmentPool(valueCount: 1, textCount: 0, maxIdle: 1);
        var rows = new RowBuffer(pool) { InTimeOrder = true };
        var more = new RowBuffer(pool) { InTimeOrder = true };
        more.Set(more.Add(), 1, 0, Hour, 10);

        rows.AddAll(more);

        Assert.False(rows.InTimeOrder);
    }

    /// <summary>Adds each batch of (sensor, hour, day) rows and returns each chunk with whether it is in time order.</summary>
    private static List<(int Chunk, bool InTimeOrder)> Accumulate(params (string Sensor, int Hour, int Day)[][] batches)
    {
        var accumulator = new ChunkAccumulator(valueCount: 1, textCount: 0, daysPerChunk: 1, budgetBytes: 64L << 20);
        var line = 1;
        foreach (var rows in batches)
        {
            using var batch = new ParsedBatch(rows.Length, valueCount: 1, textCount: 0);
            foreach (var (sensor, hour, day) in rows)
            {
                var r = batch.Add();
                if (!batch.SensorNames.Contains(sensor))
                {
                    batch.SensorNames.Add(sensor);
                }

                batch.Sensor[r] = batch.SensorNames.IndexOf(sensor);
                batch.Order[r] = RowOrder.Of(0, line++);
                batch.UtcTicks[r] = (day * TimeSpan.TicksPerDay) + (hour * Hour);
                batch.Day[r] = day;
                batch.Values[r] = 1.5;
            }

            accumulator.Add(batch);
        }

        return [.. accumulator.TakeAll().Select(c => (c.Chunk, c.Rows.InTimeOrder))];
    }
}
