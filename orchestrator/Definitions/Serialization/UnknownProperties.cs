using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions.Serialization;

/// <summary>
/// Says what an unknown property of a definition is. Most are typos; some are container or host options
/// (<c>privileged</c>, <c>volumes</c>, <c>capAdd</c>...) that a definition must never set, because the server's
/// <c>Runner:Docker</c> settings alone decide how a step's container is isolated: those get a message saying so.
/// </summary>
internal static partial class UnknownProperties
{
    // Options of `docker run`, Compose and the Engine API's HostConfig that would weaken a step's isolation, by name as
    // a definition might spell them (compared without case, '-' and '_').
    private static readonly HashSet<string> ContainerOptions = new(StringComparer.Ordinal)
    {
        "privileged", "volumes", "volume", "mounts", "mount", "binds", "bind", "tmpfs", "network", "networks", "networkmode", "net",
        "hostnetwork", "capadd", "capdrop", "capabilities", "user", "group", "groupadd", "devices", "device", "devicecgrouprules",
        "securityopt", "securityopts", "pid", "pidmode", "ipc", "ipcmode", "uts", "utsmode", "userns", "usernsmode", "cgroup",
        "cgroupns", "cgroupparent", "runtime", "readonly", "readonlyrootfs", "hostconfig", "sysctls", "ulimits", "init",
        "extrahosts", "dns", "entrypoint", "workingdir", "workdir", "oomkilldisable", "pidslimit", "shmsize", "volumesfrom",
        "apparmor", "seccomp",
    };

    /// <summary>The problem for System.Text.Json's "could not be mapped" error, or null when the message is another error.</summary>
    public static string? Describe(string message)
    {
        var match = Unmapped().Match(message);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        var owner = match.Groups["type"].Value switch
        {
            nameof(StepDefinition) => "a step",
            nameof(WorkflowDefinition) => "a workflow",
            nameof(TriggerDefinition) => "a trigger",
            nameof(WorkflowInput) => "an input",
            nameof(RetryPolicy) => "'retry'",
            nameof(StepResources) => "'resources'",
            var other => $"'{other}'",
        };
        var normalized = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        return ContainerOptions.Contains(normalized)
            ? $"'{name}' is not a property of {owner}: a definition cannot set container or host options (mounts, privileges, "
              + "network, capabilities, user, devices, namespaces); the server's Runner:Docker settings decide them for every step"
            : $"'{name}' is not a property of {owner} (unknown properties are refused; check the spelling against workflow.schema.json)";
    }

    [GeneratedRegex("^The JSON property '(?<name>.*)' could not be mapped to any \\.NET member contained in type '(?:[A-Za-z0-9_.]+\\.)?(?<type>[A-Za-z0-9_]+)'")]
    private static partial Regex Unmapped();
}
