using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// A dataset uploaded the way a browser's form sends it: multipart/form-data with the name, time zone and trigger
/// fields before the file part (which carries a file name).
/// </summary>
public sealed class DatasetUploadApiTests
{
    [Fact]
    public async Task A_multipart_upload_with_fields_before_the_file_is_stored_and_the_same_content_again_gets_409_naming_it()
    {
        await using var server = await ApiServer.StartAsync([]);
        var lines = (await File.ReadAllTextAsync(Path.Combine(SharedData.BundledSample, "PRSA_Data_Dingling_201303.csv"))).Split('\n')[..50];
        var csv = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

        var (status, body) = await UploadAsync(server, csv);

        Assert.True(status == 201, $"{status} {body}");
        // The name field wins over the part's file name; the time zone field reaches the profile.
        Assert.Equal("dingling-head.csv", body["name"]!.GetValue<string>());
        Assert.Equal("Asia/Shanghai", body["schema"]!["timeZone"]!.GetValue<string>());
        Assert.Equal(49, body["rows"]!.GetValue<long>());

        var (again, duplicate) = await UploadAsync(server, csv);

        Assert.Equal(409, again);
        Assert.Equal(body["id"]!.GetValue<string>(), duplicate["existingId"]!.GetValue<string>());
    }

    private static async Task<(int Status, JsonNode Body)> UploadAsync(ApiServer server, byte[] csv)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("dingling-head.csv"), "name" },
            { new StringContent("Asia/Shanghai"), "timeZone" },
            { new StringContent("false"), "trigger" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "PRSA_Data_Dingling_201303.csv");
        using var response = await server.Http.PostAsync(new Uri("/api/datasets", UriKind.Relative), form);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
