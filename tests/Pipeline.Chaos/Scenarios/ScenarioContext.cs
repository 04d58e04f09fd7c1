using System.Security.Cryptography;
using Pipeline.Chaos.Harness;
using Pipeline.Testing;

namespace Pipeline.Chaos.Scenarios;

/// <summary>What all scenarios of one suite run share: the form (short or long), the server build, the admin key, the
/// seeded random source, and one PostgreSQL server for the scenarios that do not break the database itself.</summary>
internal sealed class ScenarioContext : IAsyncDisposable
{
    private ThrowawayPostgres? _shared;

    public required bool Long { get; init; }

    public required string ServerDll { get; init; }

    public required Random Random { get; init; }

    public required TextWriter Output { get; init; }

    public required bool Keep { get; init; }

    /// <summary>The admin key every server is started with (Auth:Admin:ApiKey), in the server's own format.</summary>
    public string ApiKey { get; } = "pk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The short form's count or the long form's.</summary>
    public T Pick<T>(T shortForm, T longForm) => Long ? longForm : shortForm;

    /// <summary>A random duration between the two, in tenths of a second.</summary>
    public TimeSpan Between(TimeSpan least, TimeSpan most) =>
        least + TimeSpan.FromMilliseconds(Random.Next(0, (int)(most - least).TotalMilliseconds / 100 + 1) * 100);

    /// <summary>One server for the scenarios that leave the database alone; each asks it for a database of its own.</summary>
    public async Task<PostgresServer> SharedPostgresAsync(CancellationToken cancellationToken) =>
        (_shared ??= await ThrowawayPostgres.StartAsync(cancellationToken)).Server;

    public async ValueTask DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }
    }
}
