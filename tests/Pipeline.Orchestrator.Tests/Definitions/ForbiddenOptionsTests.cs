using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary>
/// A definition cannot weaken a step's isolation: container and host options are not step properties and are refused
/// with a message saying why, and a step cannot set the variables the runner owns or that make its program load other code.
/// </summary>
public sealed class ForbiddenOptionsTests
{
    private const string ContainerMessage = "is not a property of a step: a definition cannot set container or host options (mounts, privileges, "
        + "network, capabilities, user, devices, namespaces); the server's Runner:Docker settings decide them for every step";

    [Theory]
    [InlineData("privileged", "true")]
    [InlineData("volumes", """["/:/host"]""")]
    [InlineData("mounts", """[{"type": "bind", "source": "/", "target": "/host"}]""")]
    [InlineData("binds", """["/var/run/docker.sock:/var/run/docker.sock"]""")]
    [InlineData("network", "\"host\"")]
    [InlineData("networkMode", "\"host\"")]
    [InlineData("capAdd", """["SYS_ADMIN"]""")]
    [InlineData("user", "\"0:0\"")]
    [InlineData("devices", """["/dev/sda"]""")]
    [InlineData("securityOpt", """["seccomp=unconfined"]""")]
    [InlineData("pid", "\"host\"")]
    [InlineData("ipc", "\"host\"")]
    [InlineData("hostConfig", """{"Privileged": true}""")]
    [InlineData("cap_add", """["NET_ADMIN"]""")]
    public void A_container_option_in_a_step_is_refused_naming_it(string property, string value)
    {
        var json = $$"""
            {
              "id": "w",
              "name": "W",
              "steps": [
                { "id": "a", "image": "pipeline/chunker:local" },
                { "id": "b", "image": "pipeline/chunker:local", "{{property}}": {{value}} }
              ]
            }
            """;

        var problem = Assert.Single(WorkflowDefinitionReader.ReadAndValidate(json).Problems);

        Assert.Equal($"$.steps[1].{property}", problem.Path);
        Assert.Matches($"^line 6, column \\d+: '{property}' {System.Text.RegularExpressions.Regex.Escape(ContainerMessage)}$", problem.Message);
    }

    [Fact]
    public void Another_unknown_property_is_called_unknown()
    {
        var json = """{ "id": "w", "name": "W", "steps": [ { "id": "a", "command": "/bin/true", "dependOn": [] } ] }""";

        var problem = Assert.Single(WorkflowDefinitionReader.ReadAndValidate(json).Problems);

        Assert.Equal("$.steps[0].dependOn", problem.Path);
        Assert.EndsWith(
            "'dependOn' is not a property of a step (unknown properties are refused; check the spelling against workflow.schema.json)",
            problem.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_container_option_at_the_top_is_refused_too()
    {
        var json = """{ "id": "w", "name": "W", "privileged": true, "steps": [ { "id": "a", "command": "/bin/true" } ] }""";

        var problem = Assert.Single(WorkflowDefinitionReader.ReadAndValidate(json).Problems);

        Assert.Equal("$.privileged", problem.Path);
        Assert.Contains("'privileged' is not a property of a workflow: a definition cannot set container or host options", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PIPELINE_OUTPUT", "'PIPELINE_OUTPUT' is reserved: the runner sets the PIPELINE_* variables (run, step, attempt, output and upstream folders)")]
    [InlineData("PIPELINE_SECRET_TOKEN", "'PIPELINE_SECRET_TOKEN' is reserved: the runner sets the PIPELINE_* variables (run, step, attempt, output and upstream folders)")]
    [InlineData("TRACEPARENT", "'TRACEPARENT' is reserved: the runner sets the step's trace context")]
    [InlineData("LD_PRELOAD", "'LD_PRELOAD' is not allowed: the dynamic loader's LD_* variables (LD_PRELOAD, LD_LIBRARY_PATH, ...) would make the step's program load other code")]
    [InlineData("LD_LIBRARY_PATH", "'LD_LIBRARY_PATH' is not allowed: the dynamic loader's LD_* variables (LD_PRELOAD, LD_LIBRARY_PATH, ...) would make the step's program load other code")]
    [InlineData("DOTNET_STARTUP_HOOKS", "'DOTNET_STARTUP_HOOKS' is not allowed: it would make the .NET runtime load other code into the step's program")]
    [InlineData("DOCKER_HOST", "'DOCKER_HOST' is not allowed: DOCKER_* variables point Docker clients at another engine or its credentials")]
    public void A_step_cannot_set_a_runner_owned_or_code_loading_variable(string name, string message) =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Env = new Dictionary<string, string> { ["LEVEL"] = "debug", [name] = "x" } }),
            $"$.steps[1].env.{name}",
            message);
}
