using Pipeline.Testing;

namespace Pipeline.Steps.Tests.Support;

/// <summary>The tests that share one <see cref="PostgresFixture"/> server (started once, about 1-2 s).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgres : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
