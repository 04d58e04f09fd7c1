using Pipeline.Steps.Chunker;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Schema;

namespace Pipeline.Steps.Tests.Chunker;

public sealed class SchemaDetectorTests
{
    private static InputSchema Detect(string text, ChunkerOptions? options = null) =>
        SchemaDetector.Detect(text, (options ?? new ChunkerOptions { Output = "out" }).Schema(), "sample.csv");

    [Fact]
    public void Hive_sample_is_detected_by_names_and_values()
    {
        var schema = Detect("sensor_id,timestamp,temperature\n25572,2023-02-15 00,26\n23269,2023-02-15 00,34\n");
        Assert.Equal(',', schema.Delimiter);
        Assert.Equal("sensor_id", schema.Name(schema.SensorIndex));
        Assert.Equal("timestamp", schema.Name(schema.TimestampIndex));
        Assert.Equal(TimestampParser.Iso, schema.TimestampFormat);
        Assert.Equal(["temperature"], schema.ValueIndexes.Select(schema.Name));
    }

    [Fact]
    public void Beijing_shape_uses_split_time_ignores_the_row_counter_and_keeps_text()
    {
        var text = "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\",\"wd\",\"station\"\r\n"
            + "1,2013,3,1,0,4,\"NNW\",\"Aotizhongxin\"\r\n2,2013,3,1,1,NA,\"N\",\"Aotizhongxin\"\r\n3,2013,3,1,2,7,NA,\"Aotizhongxin\"\r\n";
        var schema = Detect(text);
        Assert.Equal("station", schema.Name(schema.SensorIndex));
        Assert.Equal(-1, schema.TimestampIndex);
        Assert.Equal(["year", "month", "day", "hour"], schema.TimestampParts.Select(schema.Name));
        Assert.Equal(["PM2.5"], schema.ValueIndexes.Select(schema.Name));
        Assert.Equal(["wd"], schema.TextIndexes.Select(schema.Name));
        Assert.Equal(["No"], schema.IgnoredIndexes.Select(schema.Name));
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public void Delimiter_is_detected(char delimiter)
    {
        var schema = Detect($"sensor{delimiter}time{delimiter}value\na{delimiter}2024-01-01T00:00{delimiter}1.5\nb{delimiter}2024-01-01T01:00{delimiter}2\n");
        Assert.Equal(delimiter, schema.Delimiter);
    }

    [Fact]
    public void Options_override_detection()
    {
        var schema = Detect("a,b,c,d\nx,15.02.2023 10:00,1,2\n", new ChunkerOptions
        {
            Output = "out",
            SensorColumn = "a",
            TimestampColumn = "b",
            TimestampFormat = "dd.MM.yyyy HH:mm",
            ValueColumns = ["d"],
        });
        Assert.Equal(0, schema.SensorIndex);
        Assert.Equal(["d"], schema.ValueIndexes.Select(schema.Name));
        Assert.DoesNotContain("sensorColumn", schema.Detected);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\n", "empty")]
    [InlineData("sensor_id,timestamp,value\n", "no data rows")]
    [InlineData("1,2024-01-01T00:00,3\n2,2024-01-01T01:00,4\n", "no usable header")]
    [InlineData("justonecolumn\nvalue\n", "single column")]
    [InlineData("sensor,sensor,value\na,b,1\n", "appears more than once")]
    [InlineData("foo,bar,value\na,b,1\n", "sensor id")]
    public void Unusable_inputs_fail_with_a_clear_non_retryable_error(string text, string expected)
    {
        var error = Assert.Throws<StepException>(() => Detect(text));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(StepExitCodes.IsPermanent(error.ExitCode));
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var error = Assert.Throws<StepException>(() => Detect("PK\u0003\u0004\0\0\u0001garbage"));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        Assert.Equal(StepExitCodes.DataError, error.ExitCode);
    }

    [Fact]
    public void Unknown_column_in_options_names_the_columns_there_are()
    {
        var error = Assert.Throws<StepException>(() =>
            Detect("sensor_id,timestamp,value\na,2024-01-01T00:00,1\n", new ChunkerOptions { Output = "out", ValueColumns = ["nope"] }));
        Assert.Equal(StepExitCodes.Usage, error.ExitCode);
        Assert.Contains("sensor_id, timestamp, value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_sensor_ids_in_a_time_ordered_file_are_still_the_sensor()
    {
        var schema = Detect("sensor_id,timestamp,temperature\n10001,2024-01-01T00:00,5\n10002,2024-01-01T00:00,3\n10003,2024-01-01T00:00,9\n");
        Assert.Equal("sensor_id", schema.Name(schema.SensorIndex));
    }
}
