using System.Text;
using Pipeline.Steps.SensorCsv.Parsing;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The vectorised one-pass split of a block (the path every quote-free block without carriage returns takes) against
/// the record-by-record <see cref="PlainRecordParser.Split"/>: same records, lines, field counts and fields, on blocks
/// whose separators fall on and across every 16-character boundary.
/// </summary>
public sealed class PlainRecordScanTests
{
    private const int Room = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_block_scan_splits_exactly_as_record_by_record_splitting(int seed)
    {
        var random = new Random(seed);
        for (var block = 0; block < 200; block++)
        {
            var text = RandomBlock(random);
            var scanned = new RecordingSink();
            var starts = new int[Room];

            Assert.True(PlainRecordParser.TryParse(text, 7, ',', starts, ref scanned));

            Assert.Equal(Reference(text, 7), scanned.Records);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("a,b\n\nc")]
    [InlineData(",,,,,,,,,,,,,,,,,,,,\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789,x\nlast-line-without-newline")]
    public void Edge_blocks_split_as_record_by_record_splitting(string text)
    {
        var scanned = new RecordingSink();

        Assert.True(PlainRecordParser.TryParse(text, 1, ',', new int[Room], ref scanned));

        Assert.Equal(Reference(text, 1), scanned.Records);
    }

    // What the record-by-record path yields: each line split on its own with Split, numbered from firstLine.
    private static List<string> Reference(string text, long firstLine)
    {
        var records = new List<string>();
        var lines = text.Split('\n');
        // A final newline ends the last record; it does not start an empty one.
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var l = 0; l < count && text.Length > 0; l++)
        {
            var starts = new int[Room];
            var fields = PlainRecordParser.Split(lines[l], ',', starts);
            records.Add(RecordingSink.Describe(new SplitFields(lines[l], starts), fields, lines[l], firstLine + l));
        }

        return records;
    }

    private static string RandomBlock(Random random)
    {
        var text = new StringBuilder();
        var records = random.Next(0, 12);
        for (var r = 0; r < records; r++)
        {
            var fields = random.Next(1, 9);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    text.Append(',');
                }

                // Empty, short and longer-than-a-vector fields, so separators land anywhere in a 16-character lane.
                var length = random.Next(0, 3) == 0 ? 0 : random.Next(1, 40);
                for (var c = 0; c < length; c++)
                {
                    text.Append((char)('a' + random.Next(26)));
                }
            }

            if (r < records - 1 || random.Next(2) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private readonly struct RecordingSink() : IPlainRecordSink
    {
        public List<string> Records { get; } = [];

        public void Record(SplitFields fields, int fieldCount, ReadOnlySpan<char> raw, long line) =>
            Records.Add(Describe(fields, fieldCount, raw, line));

        public static string Describe(SplitFields fields, int fieldCount, ReadOnlySpan<char> raw, long line)
        {
            // Fields past the room of the starts array are counted but not located: compare those that are.
            var located = Math.Min(fieldCount, Room - 1);
            var values = new List<string>();
            for (var f = 0; f < located; f++)
            {
                values.Add(fields.Field(f).ToString());
            }

            return $"{line}: {fieldCount} [{string.Join('|', values)}] '{raw}'";
        }
    }
}
