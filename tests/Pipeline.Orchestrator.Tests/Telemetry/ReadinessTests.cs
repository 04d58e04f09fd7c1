using System.Net;
using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Telemetry;

/// <summary>/healthz says the process serves; /readyz says its database answers and is migrated, and why not.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_turns_503_with_the_reason_when_PostgreSQL_dies_while_healthz_stays_200()
    {
        var postgres = await PostgresServer.StartAsync(durable: false, CancellationToken.None);
        await using var server = await ApiServer.StartAsync([], await postgres.CreateDatabaseAsync(CancellationToken.None));

        var (readyStatus, ready) = await GetAsync(server, "/readyz");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("Healthy", ready!["checks"]!["database"]!["status"]!.GetValue<string>());

        await postgres.DisposeAsync();

        var (deadStatus, dead) = await GetAsync(server, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, deadStatus);
        var reason = dead!["checks"]!["database"]!["description"]!.GetValue<string>();
        Assert.Contains($"127.0.0.1:{postgres.Port}", reason, StringComparison.Ordinal);
        var (liveStatus, _) = await GetAsync(server, "/healthz");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
    }

    [Fact]
    public async Task Readyz_is_200_on_the_embedded_SQLite_database()
    {
        await using var server = await ApiServer.StartAsync([]);

        var (status, body) = await GetAsync(server, "/readyz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("migrated", body!["checks"]!["database"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(ApiServer server, string path)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null);
    }
}
