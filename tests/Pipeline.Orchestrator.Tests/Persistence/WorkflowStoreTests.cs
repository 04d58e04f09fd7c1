using Pipeline.Orchestrator.Tests.Support;
using static Pipeline.Orchestrator.Tests.Persistence.TestRuns;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Persistence;

[Collection(SharedPostgres.Name)]
public sealed class WorkflowStoreTests(PostgresFixture postgres)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Drafts_publish_as_numbered_versions_and_an_unchanged_draft_adds_none(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        var store = test.Open().Workflows;

        Assert.Null(await store.PublishAsync("nightly", T0, None));
        await store.SaveDraftAsync("nightly", """{"steps":1}""", T0, None);
        var v1 = await store.PublishAsync("nightly", T0.AddMinutes(1), None);
        var again = await store.PublishAsync("nightly", T0.AddMinutes(2), None);
        await store.SaveDraftAsync("nightly", """{"steps":2}""", T0.AddMinutes(3), None);
        var v2 = await store.PublishAsync("nightly", T0.AddMinutes(4), None);
        await store.SaveDraftAsync("another", "{}", T0, None);

        Assert.Equal(1, v1!.Version);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""{"steps":1}"""u8)), v1.Checksum);
        Assert.Equal(v1, again);
        Assert.Equal(2, v2!.Version);
        Assert.Equal("""{"steps":2}""", v2.DefinitionJson);
        Assert.Equal(T0.AddMinutes(4), v2.PublishedAt);
        Assert.Equal([2, 1], (await store.ListVersionsAsync("nightly", None)).Select(v => v.Version));
        Assert.Equal(v2, await store.GetVersionAsync("nightly", null, None));
        Assert.Equal("""{"steps":1}""", (await store.GetVersionAsync("nightly", 1, None))!.DefinitionJson);
        Assert.Null(await store.GetVersionAsync("nightly", 3, None));
        var workflow = await store.GetAsync("nightly", None);
        Assert.Equal(("""{"steps":2}""", (int?)2, T0, (DateTimeOffset?)T0.AddMinutes(3)), (workflow!.DraftJson, workflow.LatestVersion, workflow.CreatedAt, workflow.DraftUpdatedAt));
        Assert.Equal(["another", "nightly"], (await store.ListAsync(None)).Select(w => w.Id));
        Assert.Null(await store.GetAsync("missing", None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_publishers_number_versions_without_gaps_or_duplicates(string engine)
    {
        await using var test = await TestDatabase.CreateAsync(engine, postgres);
        await test.Open().Workflows.SaveDraftAsync("w", "{}", T0, None);

        var published = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var store = test.Open().Workflows;
            await store.SaveDraftAsync("w", $$"""{"n":{{i}}}""", T0, None);
            return await store.PublishAsync("w", T0, None);
        })));

        var versions = (await test.Open().Workflows.ListVersionsAsync("w", None)).Select(v => v.Version).ToList();
        Assert.Equal(Enumerable.Range(1, versions.Count).Reverse(), versions);
        Assert.True(versions.Count >= 1);
        Assert.All(published, p => Assert.NotNull(p));
        Assert.Equal(versions.Count, (await test.Open().Workflows.ListVersionsAsync("w", None)).Select(v => v.Checksum).Distinct().Count());
    }
}
