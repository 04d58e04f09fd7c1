using Pipeline.Steps.Chunker.Partitioning;

namespace Pipeline.Steps.Tests.Chunker;

public sealed class PartitionPathsTests
{
    [Theory]
    [InlineData("25572", "25572")]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("x=1", "x%3D1")]
    [InlineData("..", "..")]
    [InlineData("", "__HIVE_DEFAULT_PARTITION__")]
    [InlineData("Wanshouxigong", "Wanshouxigong")]
    public void Sensor_ids_are_escaped_the_hive_way(string id, string expected) =>
        Assert.Equal(expected, PartitionPaths.Escape(id));

    [Fact]
    public void Folder_names_follow_the_chunk_size()
    {
        var day = DateOnly.Parse("2023-02-15", System.Globalization.CultureInfo.InvariantCulture).DayNumber;
        Assert.Equal("day=2023-02-15", PartitionPaths.DayFolder(day, 1));
        Assert.Equal("day_from=2023-02-15", PartitionPaths.DayFolder(day, 7));
        Assert.Equal("sensor=s1", PartitionPaths.SensorFolder(1, "s1", 0));
        Assert.Equal("", PartitionPaths.SensorFolder(0, "s1", 0));
        Assert.Equal("sensor_group=0003", PartitionPaths.SensorFolder(10, "s1", 3));
    }
}
