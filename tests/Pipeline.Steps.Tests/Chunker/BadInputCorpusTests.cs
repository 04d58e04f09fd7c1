using System.Text;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Chunker;

/// <summary>Each malformed input with the outcome it must have: a clear failure, or bad rows quarantined.</summary>
public sealed class BadInputCorpusTests : IDisposable
{
    private const string Header = "sensor_id,timestamp,value\n";
    private readonly TempFolder _temp = new();

    private string Output => _temp.Combine("out");

    private async Task<int> Chunk(byte[] content, params string[] extra)
    {
        var input = _temp.Combine("input.csv");
        await File.WriteAllBytesAsync(input, content);
        return await ChunkerRun.RunAsync(["--input", input, "--output", Output, "--quiet", .. extra]);
    }

    private Task<int> Chunk(string content, params string[] extra) => Chunk(Encoding.UTF8.GetBytes(content), extra);

    private static string GoodRows(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"s{i % 3},2024-01-01T{i % 24:D2}:{i / 24 % 60:D2},{i}.5\n"));

    [Theory]
    [InlineData("", "empty")]
    [InlineData(Header, "no data rows")]
    [InlineData("1,2024-01-01T00:00,2\n", "no usable header")]
    public async Task Unusable_files_fail_non_retryable_and_publish_nothing(string content, string message)
    {
        Assert.Equal(StepExitCodes.DataError, await Chunk(content));
        Assert.False(File.Exists(Path.Combine(Output, StepOutput.ManifestFileName)));
        var failure = ChunkerRun.Failure(Output);
        Assert.Equal("failed", failure["status"]!.GetValue<string>());
        Assert.Contains(message, failure["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("input.csv", failure["error"]!["file"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binary_file_fails_non_retryable()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        Assert.Equal(StepExitCodes.DataError, await Chunk(bytes));
        Assert.Contains("binary", ChunkerRun.Failure(Output)["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Byte_order_mark_and_crlf_are_accepted()
    {
        var content = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes((Header + GoodRows(30)).Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        Assert.Equal(0, await Chunk(content));
        var metrics = ChunkerRun.Metrics(Output);
        Assert.Equal(30, metrics["rowsWritten"]!.GetValue<long>());
        Assert.Equal("sensor_id", metrics["schema"]!["sensorColumn"]!.GetValue<string>());
    }

    [Fact]
    public async Task Quoted_delimiters_and_quotes_stay_inside_their_field()
    {
        var content = "sensor_id,timestamp,value,note\n\"s,1\",2024-01-01T00:00,1.5,\"said \"\"hi\"\", twice\"\ns2,2024-01-01T01:00,2,plain\n";
        Assert.Equal(0, await Chunk(content));
        var metrics = ChunkerRun.Metrics(Output);
        Assert.Equal(2, metrics["rowsWritten"]!.GetValue<long>());
        Assert.True(Directory.Exists(Path.Combine(Output, "day=2024-01-01", "sensor=s,1")));
    }

    [Fact]
    public async Task Ragged_rows_are_quarantined_with_their_line_and_the_counts_balance()
    {
        var content = Header + GoodRows(40) + "s1,2024-01-02T00:00\n" + "s1,2024-01-02T01:00,1,2,3\n";
        Assert.Equal(0, await Chunk(content));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        Assert.Equal(2, metrics["rowsQuarantined"]!.GetValue<long>());
        var lines = ChunkerRun.QuarantineLines(Output);
        Assert.Contains(lines, l => l.Contains(",42,,\"expected 3 fields, found 2\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",43,,\"expected 3 fields, found 5\",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unparseable_values_missing_sensors_and_duplicates_are_quarantined_by_reason()
    {
        var content = Header + GoodRows(96)
            + "s1,2024-01-03T00:00,abc\n"       // line 98: bad number
            + ",2024-01-03T01:00,1\n"           // line 99: missing sensor
            + "s1,not-a-time,1\n"               // line 100: bad timestamp
            + "s0,2024-01-01T00:00,9\n";        // line 101: duplicate of line 2
        Assert.Equal(0, await Chunk(content));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        Assert.Equal(3, metrics["rowsQuarantined"]!.GetValue<long>());
        Assert.Equal(1, metrics["rowsDuplicate"]!.GetValue<long>());
        var reasons = metrics["quarantineReasons"]!.AsObject();
        Assert.Equal(1, reasons["unparseable number"]!.GetValue<long>());
        Assert.Equal(1, reasons["missing sensor id"]!.GetValue<long>());
        Assert.Equal(1, reasons["unparseable timestamp"]!.GetValue<long>());
        Assert.Equal(1, reasons["duplicate sensor and timestamp"]!.GetValue<long>());
        var lines = ChunkerRun.QuarantineLines(Output);
        Assert.Contains(lines, l => l.Contains(",98,3,'abc' in column 'value' is not a number,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",101,,duplicate of the row at input.csv:2,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ten_megabyte_line_is_quarantined_not_fatal()
    {
        var huge = "s1,2024-01-05T00:00," + new string('9', 10 * 1024 * 1024) + "x\n";
        var content = Header + GoodRows(50) + huge + GoodRows(5).Replace("2024-01-01", "2024-01-06", StringComparison.Ordinal);
        Assert.Equal(0, await Chunk(content));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        Assert.Equal(1, metrics["rowsQuarantined"]!.GetValue<long>());
        Assert.Contains("characters)", ChunkerRun.QuarantineLines(Output)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_beyond_the_limit_fails_with_its_line()
    {
        var content = Header + GoodRows(5) + "s1,2024-01-05T00:00,\"" + new string('x', 3 * 1024 * 1024) + "\n";
        Assert.Equal(StepExitCodes.DataError, await Chunk(content, "--max-record-mb", "2"));
        var error = ChunkerRun.Failure(Output)["error"]!;
        Assert.Equal(7, error["line"]!.GetValue<long>());
        Assert.Contains("longer than", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_utf8_bytes_in_a_text_field_quarantine_that_row()
    {
        var head = Encoding.UTF8.GetBytes("sensor_id,timestamp,value,note\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"s1,2024-01-01T{i % 24:D2}:{i / 24:D2},{i},ok\n")));
        var bad = Encoding.UTF8.GetBytes("s2,2024-01-02T00:00,1,caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        Assert.Equal(0, await Chunk([.. head, .. bad]));
        var metrics = ChunkerRun.Metrics(Output);
        ChunkerRun.AssertBalanced(metrics);
        Assert.Equal(1, metrics["quarantineReasons"]!["invalid UTF-8"]!.GetValue<long>());
    }

    [Fact]
    public async Task Too_many_bad_rows_fail_the_step_and_name_the_reasons()
    {
        var content = Header + GoodRows(10) + string.Concat(Enumerable.Range(0, 10).Select(i => $"s1,2024-01-02T{i:D2}:00,bad\n"));
        Assert.Equal(StepExitCodes.DataError, await Chunk(content, "--max-bad-share", "0.2", "--value-columns", "value"));
        var message = ChunkerRun.Failure(Output)["error"]!["message"]!.GetValue<string>();
        Assert.Contains("unparseable number: 10", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Output, StepOutput.ManifestFileName)));
    }

    [Fact]
    public async Task Na_tokens_that_look_like_numbers_are_missing_values_not_readings()
    {
        var content = Header + GoodRows(30) + "s1,2024-01-02T00:00,-999\ns1,2024-01-02T01:00,NaN\n";
        Assert.Equal(0, await Chunk(content, "--na-tokens", "-999,NA"));
        var glob = Path.Combine(Output, "**", "*.parquet");
        Assert.Equal(1L, Support.DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{glob}') WHERE value IS NULL"));
        Assert.Equal(1L, Support.DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{glob}') WHERE isnan(value)"));
        Assert.Equal(0L, Support.DuckDb.Scalar<long>($"SELECT count(*) FROM read_parquet('{glob}') WHERE value = -999"));
    }

    [Fact]
    public async Task Missing_input_and_bad_options_have_their_own_exit_codes()
    {
        Assert.Equal(StepExitCodes.NoInput, await ChunkerRun.RunAsync("--input", _temp.Combine("nope.csv"), "--output", Output));
        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync("--input", "x.csv", "--output", Output, "--no-such-option", "1"));
        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync("--input", "x.csv", "--output", Output, "--days-per-chunk", "0"));
        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync("--input", "x.csv", "--output", Output, "--days-per-chunk", "many"));
        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync("--input", "x.csv", "--output", Output, "--time-zone", "Mars/Olympus"));
    }

    public void Dispose() => _temp.Dispose();
}
