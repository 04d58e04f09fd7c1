using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Definitions.Validation;

namespace Pipeline.Orchestrator.Tests.Definitions;

/// <summary><c>${{ secrets.NAME }}</c>: allowed in env values only, kept as a reference when the step is rendered.</summary>
public sealed class SecretReferenceTests
{
    private const string OnlyInEnv = "a secret may only be used in a step's 'env' values";

    [Fact]
    public void An_env_value_may_use_a_secret()
    {
        var definition = TestDefinitions.Valid().WithStep(1, s => s with
        {
            Env = new Dictionary<string, string> { ["TOKEN"] = "${{ secrets.api_token }}", ["URL"] = "Host=db;Password=${{secrets.DB_PASSWORD_2}}" },
        });

        Assert.Empty(WorkflowValidator.Validate(definition));
    }

    [Fact]
    public void An_argument_may_not_use_a_secret() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Args = ["--input", "${{ steps.chunk.output }}", "--token=${{ secrets.api_token }}"] }),
            "$.steps[1].args[2]",
            $"secrets.api_token: {OnlyInEnv}: a process's arguments are visible to every user of the machine (ps) and are printed in logs");

    [Fact]
    public void A_command_may_not_use_a_secret() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null, Command = "/opt/${{ secrets.tool }}" }),
            "$.steps[0].command",
            $"{OnlyInEnv}: this value is stored, logged and shown as written, and is not a template");

    [Fact]
    public void An_image_may_not_use_a_secret() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(0, s => s with { Program = null, Image = "registry/${{ secrets.team }}/x" }),
            "$.steps[0].image",
            $"{OnlyInEnv}: this value is stored, logged and shown as written, and is not a template");

    [Fact]
    public void An_input_default_may_not_use_a_secret()
    {
        var definition = TestDefinitions.Valid();
        definition = definition with
        {
            Inputs = new Dictionary<string, WorkflowInput>(definition.Inputs) { ["source"] = new() { Default = "${{ secrets.db }}" } },
        };

        ProblemAssert.Only(definition, "$.inputs.source.default", $"{OnlyInEnv}: input values are stored with every run and shown by the API and the UI");
    }

    [Fact]
    public void A_trigger_input_may_not_use_a_secret() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithTrigger(new TriggerDefinition
            {
                Type = TriggerTypes.Manual,
                Inputs = new Dictionary<string, string> { ["source"] = "${{ secrets.db }}" },
            }),
            "$.triggers[0].inputs.source",
            $"{OnlyInEnv}: input values are stored with every run and shown by the API and the UI");

    [Fact]
    public void A_secret_name_is_letters_digits_and_underscores() =>
        ProblemAssert.Only(
            TestDefinitions.Valid().WithStep(1, s => s with { Env = new Dictionary<string, string> { ["TOKEN"] = "${{ secrets.api-token }}" } }),
            "$.steps[1].env.TOKEN",
            "secrets.api-token: 'api-token' is not a valid secret name (1 to 128 letters, digits or '_')");

    [Fact]
    public void An_escaped_reference_is_text() =>
        Assert.Empty(WorkflowValidator.Validate(TestDefinitions.Valid().WithStep(1, s => s with { Args = ["--input", "${{ steps.chunk.output }}", "$${{ secrets.x }}"] })));

    [Fact]
    public void Rendering_keeps_the_secret_a_reference_and_renders_the_rest()
    {
        var context = new TemplateContext { Inputs = new Dictionary<string, string> { ["db"] = "db:5432" }, RunId = "r1" };

        var parts = StepTemplate.Parse("Host=${{ inputs.db }};Password=${{ secrets.db_password }};Run=${{ run.id }}${{ secrets.suffix }}").RenderKeepingSecrets(context);

        Assert.Equal(
            [new EnvValuePart(Text: "Host=db:5432;Password="), new EnvValuePart(Secret: "db_password"), new EnvValuePart(Text: ";Run=r1"), new EnvValuePart(Secret: "suffix")],
            parts);
    }

    [Fact]
    public void A_rendered_input_that_looks_like_a_reference_stays_text()
    {
        var context = new TemplateContext { Inputs = new Dictionary<string, string> { ["x"] = "${{ secrets.db_password }}" } };

        var parts = StepTemplate.Parse("${{ inputs.x }}").RenderKeepingSecrets(context);

        Assert.Equal([new EnvValuePart(Text: "${{ secrets.db_password }}")], parts);
    }

    [Fact]
    public void Plain_rendering_refuses_a_secret() =>
        Assert.Throws<TemplateException>(() => StepTemplate.Render("${{ secrets.x }}", new TemplateContext()));
}
