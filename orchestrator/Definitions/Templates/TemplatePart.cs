namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>A piece of a template: literal text, or an expression (exactly one of the two is set).</summary>
public sealed record TemplatePart(string? Literal, TemplateExpression? Expression)
{
    public static TemplatePart Text(string literal) => new(literal, null);

    public static TemplatePart Of(TemplateExpression expression) => new(null, expression);
}
