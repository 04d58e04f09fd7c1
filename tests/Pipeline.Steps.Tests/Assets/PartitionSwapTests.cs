using Pipeline.Steps.Assets;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.Assets;

public sealed class PartitionSwapTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void A_new_version_takes_the_place_of_the_old_and_the_old_is_handed_back()
    {
        var target = Folder("asset/day=2024-01-01", "old");
        var incoming = Folder("incoming/1", "new");

        var old = PartitionSwap.Replace(incoming, target, _temp.Combine("replaced"));

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-0.parquet")));
        Assert.NotNull(old);
        Assert.Equal("old", File.ReadAllText(Path.Combine(old, "part-0.parquet")));
    }

    [Fact]
    public void A_first_version_is_moved_in()
    {
        var target = _temp.Combine("asset", "day=2024-01-01");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        Assert.Null(PartitionSwap.Replace(Folder("incoming/1", "new"), target, _temp.Combine("replaced")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "part-0.parquet")));
    }

    [Fact]
    public void After_a_crash_between_the_fallbacks_two_renames_the_old_version_is_put_back()
    {
        // The fallback's state between its renames: the old version parked, no partition folder.
        var asset = _temp.Combine("asset");
        Directory.CreateDirectory(asset);
        var parked = Folder("replaced/0123456789ab-day=2024-01-02", "old");
        var replacedThenDone = Folder("replaced/ba9876543210-day=2024-01-03", "older");
        Folder("asset/day=2024-01-03", "current");

        PartitionSwap.Recover(asset, _temp.Combine("replaced"));

        Assert.Equal("old", File.ReadAllText(Path.Combine(asset, "day=2024-01-02", "part-0.parquet")));
        Assert.Equal("current", File.ReadAllText(Path.Combine(asset, "day=2024-01-03", "part-0.parquet")));
        Assert.False(Directory.Exists(parked));
        Assert.False(Directory.Exists(replacedThenDone));
    }

    public void Dispose() => _temp.Dispose();

    private string Folder(string relative, string content)
    {
        var folder = _temp.Combine(relative.Split('/'));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "part-0.parquet"), content);
        return folder;
    }
}
