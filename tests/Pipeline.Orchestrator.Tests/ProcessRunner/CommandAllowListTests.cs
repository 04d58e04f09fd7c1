using Pipeline.Orchestrator.ProcessRunner;

namespace Pipeline.Orchestrator.Tests.ProcessRunner;

public sealed class CommandAllowListTests
{
    [Theory]
    [InlineData("/bin/sh", true)]
    [InlineData("sh", false)]
    [InlineData("/usr/bin/sh", false)]
    [InlineData("python3", true)]
    [InlineData("/opt/tools/convert", true)]
    [InlineData("/opt/tools/", false)]
    [InlineData("/opt/tools/sub/convert", false)]
    [InlineData("/opt/tools/../../bin/sh", false)]
    [InlineData("/opt/tools/./convert", false)]
    [InlineData("/opt/tools//convert", false)]
    [InlineData("/opt/toolsx/convert", false)]
    [InlineData("opt/tools/convert", false)]
    public void Entries_are_exact_commands_or_absolute_folders(string command, bool allowed) =>
        Assert.Equal(allowed, CommandAllowList.Allows(["/bin/sh", "python3", "/opt/tools/*"], command));

    [Fact]
    public void Nothing_is_allowed_by_default() => Assert.False(CommandAllowList.Allows([], "/bin/sh"));

    [Theory]
    [InlineData("/bin/sh", null)]
    [InlineData("/opt/tools/*", null)]
    [InlineData("", "an entry must not be empty")]
    [InlineData("/opt/*/bin", "'/opt/*/bin': '*' is allowed only as the last character of an absolute folder, as in /opt/tools/*")]
    [InlineData("tools/*", "'tools/*': '*' is allowed only as the last character of an absolute folder, as in /opt/tools/*")]
    [InlineData("/*", "'/*': '*' is allowed only as the last character of an absolute folder, as in /opt/tools/*")]
    [InlineData("/opt/../bin/*", "'/opt/../bin/*': the folder must be absolute and normalized (no '..', '.' or doubled '/')")]
    public void Bad_entries_are_refused_when_the_server_starts(string entry, string? problem) => Assert.Equal(problem, CommandAllowList.Problem(entry));
}
