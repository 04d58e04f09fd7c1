using System.Diagnostics;
using System.Globalization;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Inspection;
using Pipeline.Steps.SensorCsv.Parsing;
using Pipeline.Steps.SensorCsv.Schema;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>
/// A record may have at most <see cref="FieldLimit.MaxFields"/> fields. Reading a wider one cost time quadratic in
/// its fields (Sylvan grows its field table 16 at a time): one 1 MiB line of <c>1,1,1,...</c> took over a minute
/// of CPU in the Chunker and in the server's upload profile. Now it fails its input at once, with its line.
/// </summary>
public sealed class FieldLimitTests : IDisposable
{
    private const string Header = "sensor_id,timestamp,value\n";

    // Generous for a shared 2-core machine; before the limit this input took 65 s and more.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(20);

    private static readonly string MebibyteOfOnes = Ones(512 * 1024);

    private readonly TempFolder _temp = new();

    private string Output => _temp.Combine("out");

    private static string Ones(int fields) => string.Join(',', Enumerable.Repeat("1", fields));

    /// <summary>Distinct good rows (no duplicates), about 30 characters each.</summary>
    private static string Rows(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => string.Create(
            CultureInfo.InvariantCulture, $"s{i % 100},2024-01-01T{i / 360_000 % 24:D2}:{i / 6000 % 60:D2}:{i / 100 % 60:D2},{i % 7}.5\n")));

    private async Task<(int ExitCode, long? Line, string Message, TimeSpan Elapsed)> ChunkAsync(string content)
    {
        var input = _temp.Combine("input.csv");
        await File.WriteAllTextAsync(input, content);
        var watch = Stopwatch.StartNew();
        var exit = await ChunkerRun.RunAsync("--input", input, "--output", Output, "--quiet");
        var elapsed = watch.Elapsed;
        var error = ChunkerRun.Failure(Output)["error"]!;
        return (exit, error["line"]?.GetValue<long>(), error["message"]!.GetValue<string>(), elapsed);
    }

    [Fact]
    public async Task A_mebibyte_record_of_ones_fails_the_Chunker_at_once_naming_its_line_and_the_limit()
    {
        var (exit, line, message, elapsed) = await ChunkAsync(MebibyteOfOnes + "\n");

        Assert.Equal(StepExitCodes.DataError, exit);
        Assert.Equal(1, line);
        Assert.Contains("more than 10,000 fields", message, StringComparison.Ordinal);
        Assert.True(elapsed < Quickly, $"took {elapsed}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_too_wide_record_past_the_detection_sample_fails_with_its_line(bool quoted)
    {
        // 40,000 rows are more than the 1 Mi characters detection looks at; a quote sends the block to Sylvan.
        var wide = (quoted ? "\"s1\"," : "") + MebibyteOfOnes + "\n";
        var (exit, line, message, elapsed) = await ChunkAsync(Header + Rows(40_000) + wide + Rows(10));

        Assert.Equal(StepExitCodes.DataError, exit);
        Assert.Equal(40_002, line);
        Assert.Contains("more than 10,000 fields", message, StringComparison.Ordinal);
        Assert.True(elapsed < Quickly, $"took {elapsed}");
    }

    [Fact]
    public async Task The_upload_profile_refuses_a_mebibyte_record_naming_the_file_line_and_limit()
    {
        var input = _temp.Combine("stored-under-another-name");
        await File.WriteAllTextAsync(input, Header + Rows(5) + MebibyteOfOnes + "\n");
        var watch = Stopwatch.StartNew();

        var e = await Assert.ThrowsAsync<StepException>(() => DatasetInspector.InspectAsync(input, null, "upload.csv", CancellationToken.None));

        Assert.True(watch.Elapsed < Quickly, $"took {watch.Elapsed}");
        Assert.Equal(StepExitCodes.DataError, e.ExitCode);
        Assert.Equal("upload.csv:7", e.Location!.ToString());
        Assert.Contains("more than 10,000 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_over_the_limit_is_refused_as_too_wide_not_as_data()
    {
        var header = string.Join(',', Enumerable.Range(0, FieldLimit.MaxFields + 1).Select(i => $"c{i}"));

        var e = Assert.Throws<StepException>(() => SchemaDetector.Detect(header + "\n", new CsvSchemaOptions(), "wide.csv"));

        Assert.Equal(StepExitCodes.DataError, e.ExitCode);
        Assert.Equal("wide.csv:1", e.Location!.ToString());
        Assert.Contains("more than 10,000 fields", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_at_the_limit_is_detected()
    {
        var names = Enumerable.Range(0, FieldLimit.MaxFields - 2).Select(i => $"v{i}");
        var values = Enumerable.Range(0, FieldLimit.MaxFields - 2).Select(i => i.ToString(CultureInfo.InvariantCulture));
        var text = $"sensor_id,timestamp,{string.Join(',', names)}\ns1,2024-01-01T00:00,{string.Join(',', values)}\n";

        var schema = SchemaDetector.Detect(text, new CsvSchemaOptions(), "wide.csv");

        Assert.Equal(FieldLimit.MaxFields, schema.Header.Count);
        Assert.Equal(FieldLimit.MaxFields - 2, schema.ValueIndexes.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_record_at_the_limit_is_quarantined_and_one_past_it_fails(bool quoted)
    {
        var schema = SchemaDetector.Detect(Header + Rows(3), new CsvSchemaOptions(), "t.csv");
        var first = (quoted ? "\"s1\"" : "s1") + ",2024-01-01T00:00,1\n";

        using (var batch = Parse(schema, first + Ones(FieldLimit.MaxFields) + "\n", firstLine: 2))
        {
            Assert.Equal(["expected 3 fields, found 10000"], batch.Quarantined.Select(q => q.Reason));
        }

        var e = Assert.Throws<StepException>(() => Parse(schema, first + "\n" + Ones(FieldLimit.MaxFields + 1) + "\n", firstLine: 2));
        Assert.Equal(4, e.Location!.Line);
    }

    [Fact]
    public void Delimiters_inside_quotes_are_not_fields()
    {
        var schema = SchemaDetector.Detect(Header + Rows(3), new CsvSchemaOptions(), "t.csv");
        var sensor = "\"" + Ones(FieldLimit.MaxFields * 2) + "\"";

        using var batch = Parse(schema, $"{sensor},2024-01-01T00:00,1\n", firstLine: 2);

        Assert.Equal(1, batch.Count);
        Assert.Empty(batch.Quarantined);
    }

    [Fact]
    public void A_quoted_newline_does_not_end_a_record_so_its_fields_add_up_across_lines()
    {
        var text = "h1,h2\n" + string.Concat(Enumerable.Repeat("\"x\n\",", FieldLimit.MaxFields)) + "z\n";

        Assert.Equal(new WideRecord(6, 1), FieldLimit.Find(text, ',', '"'));
    }

    [Fact]
    public void Doubled_quotes_keep_a_field_quoted()
    {
        var field = "\"" + string.Concat(Enumerable.Repeat("\"\",", FieldLimit.MaxFields)) + "\"";

        Assert.Null(FieldLimit.Find($"h1,h2\n{field},1\n", ',', '"'));
    }

    [Fact]
    public void A_quote_inside_a_field_is_a_character_not_an_opening_quote()
    {
        Assert.Equal(new WideRecord(6, 1), FieldLimit.Find("h1,h2\na\"b," + Ones(FieldLimit.MaxFields) + "\n", ',', '"'));
    }

    private static ParsedBatch Parse(InputSchema schema, string text, long firstLine)
    {
        var buffer = ParsingPools.Chars.Rent(text.Length);
        text.CopyTo(buffer);
        return new BlockParser(schema).Parse(new RecordBlock(0, firstLine, buffer, text.Length));
    }

    public void Dispose() => _temp.Dispose();
}
