namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>
/// One parsed <c>${{ ... }}</c>: its kind, the input name or step id it names (for <see cref="TemplateExpressionKind.Input"/>
/// and <see cref="TemplateExpressionKind.UpstreamOutput"/>), and its text without the braces.
/// </summary>
public sealed record TemplateExpression(TemplateExpressionKind Kind, string Text, string? Name = null);
