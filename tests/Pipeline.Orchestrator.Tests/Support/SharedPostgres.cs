using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>Test classes in this collection share one <see cref="PostgresFixture"/> server (and run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgres : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
