using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Tests.Definitions;

public sealed class StepTemplateTests
{
    private static readonly TemplateContext Context = new()
    {
        Inputs = new Dictionary<string, string> { ["source"] = "data/my file's.csv", ["day"] = "2024-03-01" },
        RunId = "run-42",
        WorkflowId = "sensor-training",
        LogicalDate = new DateTimeOffset(2024, 3, 1, 1, 30, 0, TimeSpan.FromHours(8)),
        DataRoot = "/data",
        StepOutput = "/data/runs/run-42/train",
        UpstreamOutputs = new Dictionary<string, string> { ["chunk"] = "/data/runs/run-42/chunk" },
    };

    [Fact]
    public void Parses_literals_and_expressions_with_whitespace_inside()
    {
        var template = StepTemplate.Parse("--day=${{inputs.day}}/${{   steps.chunk.output }}");

        Assert.Empty(template.Errors);
        Assert.Equal(
            [
                TemplatePart.Text("--day="),
                TemplatePart.Of(new TemplateExpression(TemplateExpressionKind.Input, "inputs.day", "day")),
                TemplatePart.Text("/"),
                TemplatePart.Of(new TemplateExpression(TemplateExpressionKind.UpstreamOutput, "steps.chunk.output", "chunk")),
            ],
            template.Parts);
    }

    [Theory]
    [InlineData("${{ inputs.source }}", "data/my file's.csv")]
    [InlineData("${{ run.id }}-${{ run.workflowId }}", "run-42-sensor-training")]
    [InlineData("${{ run.logicalDate }}", "2024-03-01")]
    [InlineData("${{ run.logicalTime }}", "2024-02-29T17:30:00Z")]
    [InlineData("${{ dataRoot }}|${{ step.output }}|${{ steps.chunk.output }}", "/data|/data/runs/run-42/train|/data/runs/run-42/chunk")]
    [InlineData("${{ assets.readings }}/day=2024-03-01|${{assets.sensor-day_2}}", "/data/assets/readings/day=2024-03-01|/data/assets/sensor-day_2")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void Renders_each_expression(string template, string expected) =>
        Assert.Equal(expected, StepTemplate.Render(template, Context));

    [Fact]
    public void A_doubled_dollar_escapes_a_literal_template() =>
        Assert.Equal("echo ${{ inputs.day }} 2024-03-01", StepTemplate.Render("echo $${{ inputs.day }} ${{ inputs.day }}", Context));

    [Theory]
    [InlineData("${{ input.day }}", "input.day: unknown expression; expected inputs.<name>, run.id, run.workflowId, run.logicalDate, run.logicalTime, dataRoot, step.output, steps.<id>.output, assets.<name>, partition.key or secrets.<NAME>")]
    [InlineData("${{ steps.chunk }}", "steps.chunk: unknown expression; expected inputs.<name>, run.id, run.workflowId, run.logicalDate, run.logicalTime, dataRoot, step.output, steps.<id>.output, assets.<name>, partition.key or secrets.<NAME>")]
    [InlineData("${{ assets.Readings }}", "assets.Readings: 'Readings' is not an asset name (1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit)")]
    [InlineData("${{ assets.../etc }}", "assets.../etc: '../etc' is not an asset name (1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit)")]
    [InlineData("${{ assets._asset }}", "assets._asset: '_asset' is not an asset name (1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit)")]
    [InlineData("${{ assets. }}", "assets.: '' is not an asset name (1 to 64 of a-z, 0-9, '-' and '_', starting with a letter or digit)")]
    [InlineData("a ${{ }} b", "${{ }}: empty expression")]
    [InlineData("--x=${{ inputs.day", "${{ inputs.day: '${{' is not closed by '}}'")]
    public void Refuses_what_it_does_not_know(string text, string error) =>
        Assert.Equal([error], StepTemplate.Parse(text).Errors);

    [Fact]
    public void Reports_every_error_of_a_template() =>
        Assert.Equal(2, StepTemplate.Parse("${{ a }} and ${{ b }}").Errors.Count);

    [Fact]
    public void Rendering_a_missing_value_names_it()
    {
        var e = Assert.Throws<TemplateException>(() => StepTemplate.Render("${{ steps.features.output }}", Context));
        Assert.Equal("cannot render ${{ steps.features.output }}: no output folder is known for step 'features'", e.Message);

        e = Assert.Throws<TemplateException>(() => StepTemplate.Render("${{ run.logicalDate }}", new TemplateContext()));
        Assert.Equal("cannot render ${{ run.logicalDate }}: the run has no logical date", e.Message);
    }

    [Fact]
    public void Rendering_a_template_that_does_not_parse_throws() =>
        Assert.Throws<TemplateException>(() => StepTemplate.Render("${{ nope }}", Context));
}
