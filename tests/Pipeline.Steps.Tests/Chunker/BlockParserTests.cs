using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// The plain (quote-free) record splitter must give exactly what Sylvan gives. Each case is parsed twice: as is
/// (no quote character, so the plain path) and with one good row's sensor id quoted, which sends the block to
/// Sylvan; rows, values (bit for bit), line numbers and quarantine reasons must agree.
/// </summary>
public sealed class BlockParserTests
{
    private const string Header = "sensor_id,timestamp,temperature,humidity,note\n";
    private const string Good = "s1,2024-01-01T00:00:00,1.5,2,ok\n";

    public static TheoryData<string, string> Cases => new()
    {
        { "plain rows", "s1,2024-01-01T00:05:00,21.25,40.5,a\ns2,2024-01-01T00:05:00,-3.5,+7,b\n" },
        { "CRLF line ends", "s1,2024-01-01T00:05:00,21.25,40.5,a\r\ns2,2024-01-01T00:05:00,-3.5,7,b\r\n" },
        { "empty fields and NA markers", "s1,2024-01-01T00:05:00,,NA,\ns2,2024-01-01T00:05:00,NaN,N/A,NA\n" },
        { "exponents, signs and odd numbers", "s1,2024-01-01T00:05:00,1e3,-2.5E-2,x\ns1,2024-01-01T00:10:00,+0.000001,-0,x\ns1,2024-01-01T00:15:00,.5,5.,x\ns1,2024-01-01T00:20:00,123456789012345678901234,0.1234567890123456789,x\ns1,2024-01-01T00:25:00,Infinity,-Infinity,x\n" },
        { "padded values", "s1,2024-01-01T00:05:00, 1.5 ,\t2,x\n" },
        { "non-ASCII sensor ids", "Zürich-ß,2024-01-01T00:05:00,1,2,é\n東京,2024-01-01T00:05:00,3,4,ü\n" },
        { "blank lines and no final newline", "\ns1,2024-01-01T00:05:00,1,2,a\n   \ns2,2024-01-01T00:05:00,3,4,b" },
        { "wrong field counts", "s1,2024-01-01T00:05:00,1,2\ns1,2024-01-01T00:10:00,1,2,a,extra\ns1,2024-01-01T00:15:00,1,2,a\n" },
        { "bad number, timestamp and sensor", "s1,2024-01-01T00:05:00,abc,2,a\ns1,2024-13-01,1,2,a\n,2024-01-01T00:05:00,1,2,a\nNA,2024-01-01T00:05:00,1,2,a\n" },
        { "very long line", "s1,2024-01-01T00:05:00," + new string('9', 5000) + ".5,2,a\ns1,2024-01-01T00:10:00,1,2," + new string('z', 100_000) + "\ns1,2024-01-01T00:15:00,1,2," + new string('1', 3000) + ",too,many\n" },
        { "invalid UTF-8 replaced", "s\uFFFD1,2024-01-01T00:05:00,1,2,a\ns1,2024-01-01T00:05:00,1,2,b\uFFFD\n" },
        { "stray carriage return", "s1,2024-01-01T00:05:00,1,2,a\rs2,2024-01-01T00:05:00,3,4,b\ns3,2024-01-01T00:05:00,5,6,c\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plain_path_matches_Sylvan(string name, string records)
    {
        var schema = Schema();
        var plain = Describe(Parse(schema, Good + records, firstLine: 2));
        var quoted = Describe(Parse(schema, "\"s1\"" + Good[2..] + records, firstLine: 2));
        Assert.True(plain.SequenceEqual(quoted), $"{name}:\nplain:\n{string.Join('\n', plain)}\nSylvan:\n{string.Join('\n', quoted)}");
    }

    [Fact]
    public void Quarantined_rows_keep_their_physical_line_and_column()
    {
        var batch = Parse(Schema(), Good + "s1,2024-01-01T00:05:00,1,2\r\ns1,2024-01-01T00:10:00,x,2,a\r\n", firstLine: 10);
        Assert.Equal(3, batch.RecordsRead);
        Assert.Equal(1, batch.Count);
        Assert.Collection(
            batch.Quarantined,
            q => Assert.Equal((11L, (int?)null, RowProblem.FieldCount, "s1,2024-01-01T00:05:00,1,2"), (q.Line, q.Column, q.Category, q.Raw)),
            q => Assert.Equal((12L, (int?)3, RowProblem.BadNumber, "'x' in column 'temperature' is not a number"), (q.Line, q.Column, q.Category, q.Reason)));
    }

    [Fact]
    public void Each_row_gets_its_own_sensor_when_the_order_of_sensors_changes()
    {
        // Each sensor is first guessed to be the one that followed the previous row's sensor last time.
        string[] sensors = ["s1", "s2", "s3", "s1", "s2", "s3", "s1", "s3", "s2", "s4", "s1", "s1", "s2", "s3", "s2", "s3", "s4"];
        var text = string.Concat(sensors.Select((s, i) => $"{s},2024-01-01T00:{i:00}:00,1,2,a\n"));

        var batch = Parse(Schema(), text, firstLine: 2);

        Assert.Equal(sensors, Enumerable.Range(0, batch.Count).Select(r => batch.SensorNames[batch.Sensor[r]]));
        Assert.Equal(["s1", "s2", "s3", "s4"], batch.SensorNames);
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    public void Repeated_timestamps_resolve_as_if_each_were_parsed(string zone)
    {
        // Each row's time is remembered for the next; a bad or different text after a good one must not reuse it.
        var rows = "a,2024-03-31T01:30:00,1,2,x\nb,2024-03-31T01:30:00,1,2,x\nc,2024-03-31T02:30:00,1,2,x\n"
            + "d,2024-03-31T02:30:00,1,2,x\ne,2024-03-31T03:30:00,1,2,x\nf,2024-03-31T03:30:00Z,1,2,x\ng,2024-03-31T03:30:0,1,2,x\n";
        var schema = Schema() with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) };
        var together = Parse(schema, rows, firstLine: 2);
        var expected = new List<string>();
        var line = 2;
        foreach (var row in rows.TrimEnd('\n').Split('\n'))
        {
            // Each row alone in its own block, so nothing is remembered from a row before.
            expected.AddRange(Describe(Parse(schema, row + "\n", firstLine: line++)).Skip(1).Select(d => d.Split(' ') switch
            {
                ["line", _, _, var ticks, var day, ..] => $"{row[0]} {ticks} {day}",
                var bad => string.Join(' ', bad[..4]),
            }));
        }

        var actual = Describe(together).Skip(1).Select(d => d.Split(' ') switch
        {
            ["line", _, var sensor, var ticks, var day, ..] => $"{sensor} {ticks} {day}",
            var bad => string.Join(' ', bad[..4]),
        });
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(zone == "UTC" ? 1 : 3, together.Quarantined.Count);
    }

    [Theory]
    [InlineData("a,b,c", new[] { 0, 2, 4, 6 }, 3)]
    [InlineData("", new[] { 0, 1 }, 1)]
    [InlineData(",,", new[] { 0, 1, 2, 3 }, 3)]
    [InlineData("a,b,c,d,e", new[] { 0, 2, 4 }, 5)]
    public void Split_records_field_starts_as_far_as_there_is_room(string record, int[] expected, int count)
    {
        var starts = new int[expected.Length];
        Assert.Equal(count, PlainRecordParser.Split(record, ',', starts));
        Assert.Equal(expected, starts);
    }

    private static InputSchema Schema() => SchemaDetector.Detect(
        Header + Good,
        new CsvSchemaOptions { ValueColumns = ["temperature", "humidity"], TextColumns = ["note"] },
        "test.csv");

    [Fact]
    public void A_threads_sensors_keep_their_string_and_number_from_block_to_block()
    {
        // With 20,000 sensors a block meets most of them; numbering them afresh per block made a string and a
        // dictionary insert per sensor and block, and a global lookup per sensor and block in the consumer.
        var schema = Schema();
        var known = new KnownSensors();
        using var first = Parse(schema, "s2,2024-01-01T00:00:00,1,2,a\ns1,2024-01-01T00:00:00,1,2,a\n", firstLine: 2, known);
        using var second = Parse(schema, "s1,2024-01-01T01:00:00,1,2,a\ns3,2024-01-01T01:00:00,1,2,a\n", firstLine: 4, known);

        Assert.Equal(["s1", "s3"], second.SensorNames);
        Assert.Same(first.SensorNames[1], second.SensorNames[0]);
        Assert.Equal([1, 2], second.SensorKnownIds);
        Assert.Same(known, second.SensorSource);
    }

    private static ParsedBatch Parse(InputSchema schema, string text, long firstLine, KnownSensors? known = null)
    {
        var buffer = ParsingPools.Chars.Rent(text.Length);
        text.CopyTo(buffer);
        return new BlockParser(schema, known).Parse(new RecordBlock(0, firstLine, buffer, text.Length));
    }

    private static List<string> Describe(ParsedBatch batch)
    {
        var lines = new List<string> { $"read {batch.RecordsRead} kept {batch.Count}" };
        for (var r = 0; r < batch.Count; r++)
        {
            var values = batch.Values.AsSpan(r * batch.ValueCount, batch.ValueCount).ToArray().Select(BitConverter.DoubleToInt64Bits);
            var texts = batch.Texts.AsSpan(r * batch.TextCount, batch.TextCount).ToArray().Select(t => t < 0 ? "<NA>" : batch.TextValues[t]);
            lines.Add($"line {RowOrder.Line(batch.Order[r])} {batch.SensorNames[batch.Sensor[r]]} {batch.UtcTicks[r]} {batch.Day[r]} [{string.Join(' ', values)}] [{string.Join('|', texts)}]");
        }

        // The quoted row's raw text differs by its quotes; it is never quarantined, so raw text is compared too.
        lines.AddRange(batch.Quarantined.Select(q => $"bad {q.Line} {q.Column} {q.Category} {q.Reason} {q.Raw}"));
        return lines;
    }
}
