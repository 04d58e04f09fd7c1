using Pipeline.Orchestrator.Hosting;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>Settings that would let a step run as root or without bounds stop the server at start, naming the key.</summary>
public sealed class SafeExecutionSettingsTests
{
    [Theory]
    [InlineData("Runner:Docker:User", "0:0", "Runner:Docker:User is root ('0:0'); step containers never run as root")]
    [InlineData("Runner:Docker:User", "root", "Runner:Docker:User is root ('root')")]
    [InlineData("Runner:Docker:FallbackUser", "0:0", "Runner:Docker:FallbackUser must be a numeric uid:gid other than root, not '0:0'")]
    [InlineData("Runner:Docker:FallbackUser", "steps", "Runner:Docker:FallbackUser must be a numeric uid:gid other than root, not 'steps'")]
    [InlineData("Runner:Docker:DefaultMemoryMb", "99999", "Runner:Docker:DefaultMemoryMb must not be more than Runner:Docker:MaxMemoryMb")]
    [InlineData("Runner:Docker:DefaultCpus", "0", "Runner:Docker:DefaultCpus must be at least 0.01")]
    [InlineData("Runner:Process:AllowedCommands:0", "/opt/*/x", "Runner:Process:AllowedCommands:0: '/opt/*/x': '*' is allowed only as the last character")]
    public void A_setting_that_would_weaken_isolation_stops_the_server(string key, string value, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => ServerApp.Build([], new Dictionary<string, string?> { [key] = value }));

        Assert.StartsWith("configuration: " + message, e.Message, StringComparison.Ordinal);
    }
}
