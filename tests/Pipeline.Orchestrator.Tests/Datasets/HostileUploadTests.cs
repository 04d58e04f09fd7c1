using System.Diagnostics;
using System.Text;
using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Datasets.DatasetUploads;

namespace Pipeline.Orchestrator.Tests.Datasets;

/// <summary>Uploads built to hurt the server (issue #20): each is refused quickly with a 4xx that names what is wrong, and nothing is kept.</summary>
public sealed class HostileUploadTests
{
    [Fact]
    public async Task A_mebibyte_record_is_refused_at_once_naming_the_file_its_line_and_the_limit()
    {
        await using var server = await ApiServer.StartAsync([]);
        var content = Encoding.UTF8.GetBytes("sensor,time,temp\n" + string.Join(',', Enumerable.Repeat("1", 512 * 1024)) + "\n");
        var watch = Stopwatch.StartNew();

        var (status, problem) = await RawAsync(server, content, "name=wide.csv");

        // Before the field limit, profiling this one record held a core for 65 s and more.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Equal(422, status);
        Assert.Contains("wide.csv:2: a record has more than 10,000 fields", FieldError(problem, "file"), StringComparison.Ordinal);
        Assert.Equal(0, (await server.GetJsonAsync("/api/datasets"))["total"]!.GetValue<long>());
    }
}
