using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary><c>path</c> inputs stay inside the data root, the steps' working folder and the configured input roots.</summary>
public sealed class InputConfinementTests : IDisposable
{
    private readonly TempFolder _folder = new("confinement");
    private readonly EngineOptions _options;

    public InputConfinementTests() => _options = new()
    {
        DataRoot = _folder.Sub("data", create: true),
        InputBase = _folder.Sub("work", create: true),
        InputRoots = [_folder.Sub("extra", create: true)],
    };

    private static readonly WorkflowDefinition Definition = new()
    {
        Id = "reads",
        Name = "Reads",
        Inputs = new Dictionary<string, WorkflowInput> { ["source"] = new() { Type = InputTypes.Path }, ["note"] = new() },
        Steps = [new StepDefinition { Id = "a", Command = "/bin/true" }],
    };

    [Theory]
    [InlineData("samples/beijing", null)]
    [InlineData("https://example.org/a.csv", null)]
    [InlineData("../etc/passwd", "'..' is not allowed in a path")]
    [InlineData("data/../../x", "'..' is not allowed in a path")]
    [InlineData("data/..%2f..%2fetc%2fpasswd", "'..' is not allowed in a path")]
    [InlineData("%2e%2e/%2E%2E/etc/passwd", "'..' is not allowed in a path")]
    [InlineData("data/%252e%252e/x", "'..' is not allowed in a path")]
    [InlineData("data\\..\\x", "'..' is not allowed in a path")]
    [InlineData("https://example.org/a/..%2f..%2fsecret", "'..' is not allowed in a path")]
    [InlineData("file:///etc/passwd", "only http and https URLs are allowed; anything else must be a plain path")]
    [InlineData("data/a%20b.csv", null)]
    [InlineData("", "it is empty")]
    [InlineData("http://", "not a valid URL")]
    public void A_path_value_on_its_face(string value, string? problem) => Assert.Equal(problem, InputValues.PathProblem(value));

    [Fact]
    public async Task Paths_in_the_data_root_the_working_folder_and_the_input_roots_pass_and_globs_are_checked_by_their_folder()
    {
        foreach (var value in new[] { "samples/x.csv", "data/*.csv", _folder.Sub("data") + "/runs/r/chunk", _folder.Sub("extra") + "/in/*.gz", "https://example.org/x" })
        {
            Assert.Empty(await InputConfinement.CheckAsync(Definition, new Dictionary<string, string> { ["source"] = value, ["note"] = "/etc" }, _options, null, CancellationToken.None));
        }
    }

    [Fact]
    public async Task An_absolute_path_elsewhere_or_a_symbolic_link_out_of_a_root_is_refused_naming_the_input_and_where_it_leads()
    {
        File.CreateSymbolicLink(_folder.Sub("work") + "/escape", "/etc");
        Directory.CreateSymbolicLink(_folder.Sub("data") + "/inner", _folder.Sub("extra"));

        foreach (var (value, leadsTo) in new[] { ("/etc/passwd", "/etc/passwd"), ("escape/passwd", "/etc/passwd"), ("escape/*.conf", "/etc") })
        {
            var problem = Assert.Single(await InputConfinement.CheckAsync(Definition, new Dictionary<string, string> { ["source"] = value }, _options, null, CancellationToken.None));
            Assert.Equal("$.inputs.source", problem.Path);
            Assert.Contains($"leads to {leadsTo},", problem.Message, StringComparison.Ordinal);
        }

        // A link from one root into another is fine: where it leads is what counts.
        Assert.Empty(await InputConfinement.CheckAsync(Definition, new Dictionary<string, string> { ["source"] = _folder.Sub("data") + "/inner/file" }, _options, null, CancellationToken.None));
    }

    public void Dispose() => _folder.Dispose();
}
