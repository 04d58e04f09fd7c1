using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Inspection;
using Pipeline.Steps.Tests.Chunker;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.StepContract;

/// <summary>
/// Zone ids that name zoneinfo folders or paths (issue #20): the lookup made of them threw (a folder is a
/// SecurityException), or found a zone by a path's spelling. Each is refused with the usual wording, and never throws.
/// </summary>
public sealed class TimeZoneIdsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string> PathLike =>
        ["America", "Etc", "posix", "..", ".", "America/", "/etc/passwd", "../../etc/passwd", "Europe//Berlin", "Europe/./Berlin", "./UTC", "Europe\\Berlin", "UTC\n", " UTC", "Europe/Berlin\0", new string('A', 65)];

    [Theory]
    [MemberData(nameof(PathLike))]
    public void Folders_and_paths_are_not_zones(string id)
    {
        Assert.False(TimeZoneIds.TryFind(id, out var zone));
        Assert.Null(zone);
        Assert.Equal($"'{id}' is not a known IANA time zone (e.g. UTC, Europe/Berlin, Asia/Shanghai)", TimeZoneIds.Problem(id));
    }

    [Theory]
    [InlineData("UTC")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5")]
    [InlineData("America/Port-au-Prince")]
    public void Iana_ids_are_found(string id)
    {
        Assert.True(TimeZoneIds.TryFind(id, out var zone));
        Assert.Equal(id, zone.Id);
        Assert.Null(TimeZoneIds.Problem(id));
    }

    [Theory]
    [MemberData(nameof(PathLike))]
    public async Task The_Chunker_refuses_them_as_a_usage_error(string id)
    {
        var input = _temp.Combine("input.csv");
        await File.WriteAllTextAsync(input, "sensor_id,timestamp,value\ns1,2024-01-01T00:00,1\n");

        Assert.Equal(StepExitCodes.Usage, await ChunkerRun.RunAsync("--input", input, "--output", _temp.Combine("out"), "--quiet", "--time-zone", id));
    }

    [Theory]
    [MemberData(nameof(PathLike))]
    public async Task The_upload_profile_refuses_them_as_a_usage_error(string id)
    {
        var input = _temp.Combine("input.csv");
        await File.WriteAllTextAsync(input, "sensor_id,timestamp,value\ns1,2024-01-01T00:00,1\n");

        var e = await Assert.ThrowsAsync<StepException>(() => DatasetInspector.InspectAsync(input, id, "upload.csv", CancellationToken.None));

        Assert.Equal(StepExitCodes.Usage, e.ExitCode);
        Assert.Contains("is not a known IANA time zone", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
