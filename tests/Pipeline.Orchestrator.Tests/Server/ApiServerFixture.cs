using System.Text.Json.Nodes;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>One server on SQLite per test class, publishing every <see cref="TestFlows"/> workflow the class may use.</summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException("the server has not started");

    public static IEnumerable<JsonObject> AllFlows() =>
    [
        TestFlows.Greet(),
        TestFlows.Echo("list-a"), TestFlows.Echo("list-b"), TestFlows.Exits("list-failing", 1, 0),
        TestFlows.Echo("paged"),
        TestFlows.Printer("printer"),
        TestFlows.Exits("exit-3", 3, 1), TestFlows.Exits("exit-65", 65, 2),
        TestFlows.Slow("slow"),
        TestFlows.Sleeper("sleeper"),
        TestFlows.Gate("gate-step"), TestFlows.Gate("gate-failed"),
        TestFlows.Echo("hooked", new JsonArray(new JsonObject { ["type"] = "http", ["path"] = "hooks-test", ["wait"] = true })),
        TestFlows.Echo("backfilled"),
        TestFlows.Echo("nightly", new JsonArray(new JsonObject { ["type"] = "cron", ["schedule"] = "0 2 * * *", ["timeZone"] = "UTC", ["catchUp"] = "none" })),
    ];

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(AllFlows());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
