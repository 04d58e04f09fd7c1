using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// The UI's API types are generated from the OpenAPI document checked in at <c>orchestrator/ui/openapi/v1.json</c>
/// (the UI's own test checks the generated file against it); this checks that document against the one the server
/// publishes, so an API model or endpoint cannot change without the UI's types following.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_UI_s_checked_in_OpenAPI_document_is_the_one_the_server_publishes()
    {
        await using var server = await ApiServer.StartAsync([]);
        var published = Comparable(await server.Http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var file = Path.Combine(SharedData.RepositoryRoot, "orchestrator", "ui", "openapi", "v1.json");
        var checkedIn = Comparable(await File.ReadAllTextAsync(file));

        if (!JsonNode.DeepEquals(checkedIn, published))
        {
            Assert.Fail(
                $"orchestrator/ui/openapi/v1.json is not the document the server publishes ({string.Join("; ", Differences(checkedIn, published, "$").Take(8))}). " +
                "Build the server (dotnet build orchestrator/Server -c Release -p:BuildUi=false), run orchestrator/ui/scripts/update-openapi.sh, " +
                "fix what the regenerated types break in the UI (npm run lint), and commit openapi/v1.json with src/api/schema.d.ts.");
        }
    }

    /// <summary>The document without <c>servers</c>, which names the port this server happened to get.</summary>
    private static JsonObject Comparable(string document)
    {
        var root = JsonNode.Parse(document)?.AsObject() ?? throw new InvalidOperationException("the OpenAPI document is not a JSON object");
        root.Remove("servers");
        return root;
    }

    /// <summary>Where two documents differ, by JSON path, for the failure message.</summary>
    private static IEnumerable<string> Differences(JsonNode? checkedIn, JsonNode? published, string at)
    {
        if (checkedIn is JsonObject before && published is JsonObject after)
        {
            foreach (var (name, value) in before)
            {
                IEnumerable<string> differences = after.TryGetPropertyValue(name, out var now)
                    ? Differences(value, now, $"{at}['{name}']")
                    : [$"{at}['{name}'] is no longer published"];
                foreach (var difference in differences)
                {
                    yield return difference;
                }
            }

            foreach (var (name, _) in after.Where(p => !before.ContainsKey(p.Key)))
            {
                yield return $"{at}['{name}'] is new";
            }
        }
        else if (checkedIn is JsonArray was && published is JsonArray now && was.Count == now.Count)
        {
            for (var i = 0; i < was.Count; i++)
            {
                foreach (var difference in Differences(was[i], now[i], $"{at}[{i}]"))
                {
                    yield return difference;
                }
            }
        }
        else if (!JsonNode.DeepEquals(checkedIn, published))
        {
            yield return $"{at} changed";
        }
    }
}
