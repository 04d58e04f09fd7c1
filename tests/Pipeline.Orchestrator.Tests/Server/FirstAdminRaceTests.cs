using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Orchestrator.Accounts;
using Pipeline.Orchestrator.Tests.Persistence;
using Pipeline.Orchestrator.Tests.Support;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>
/// Replicas starting together on an empty database each create the first admin and add its configured API key:
/// every one of them starts (one insert of the key wins, the others find it), with one admin and one key stored.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class FirstAdminRaceTests(PostgresFixture postgres)
{
    private const string ApiKey = "race-key-0123456789abcdefghijklmnopqrstuvwxyz";

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Replicas_starting_together_all_start_with_one_admin_and_one_key(string engine)
    {
        for (var round = 0; round < 5; round++)
        {
            await using var test = await TestDatabase.CreateAsync(engine, postgres);
            var options = new AuthOptions { Admin = { Name = "admin", ApiKey = ApiKey } };
            var replicas = Enumerable.Range(0, 6)
                .Select(_ => new FirstAdminHostedService(test.Open().Accounts, options, TimeProvider.System, NullLogger<FirstAdminHostedService>.Instance))
                .ToList();

            await Task.WhenAll(replicas.Select(r => Task.Run(() => r.StartAsync(CancellationToken.None))));

            var accounts = test.Open().Accounts;
            Assert.Equal(["admin"], (await accounts.ListUsersAsync(CancellationToken.None)).Select(u => u.Name));
            Assert.Single(await accounts.ListKeysAsync("admin", CancellationToken.None));
        }
    }
}
