namespace Pipeline.Orchestrator.Tests.Models;

/// <summary>The test classes that share one <see cref="ShippedModelFixture"/>.</summary>
[CollectionDefinition(ShippedModelFixture.Collection)]
public sealed class ShippedModelGroup : ICollectionFixture<ShippedModelFixture>;
