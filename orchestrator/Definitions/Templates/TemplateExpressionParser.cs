using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>Reads the text between <c>${{</c> and <c>}}</c> into a <see cref="TemplateExpression"/>.</summary>
internal static partial class TemplateExpressionParser
{
    private const string SecretPrefix = "secrets.";
    private const string AssetPrefix = "assets.";

    private static readonly Dictionary<string, TemplateExpressionKind> Fixed = new(StringComparer.Ordinal)
    {
        ["run.id"] = TemplateExpressionKind.RunId,
        ["run.workflowId"] = TemplateExpressionKind.WorkflowId,
        ["run.logicalDate"] = TemplateExpressionKind.LogicalDate,
        ["run.logicalTime"] = TemplateExpressionKind.LogicalTime,
        ["dataRoot"] = TemplateExpressionKind.DataRoot,
        ["step.output"] = TemplateExpressionKind.StepOutput,
        ["partition.key"] = TemplateExpressionKind.PartitionKey,
    };

    public static TemplateExpression? Parse(string text, out string? error)
    {
        error = null;
        if (Fixed.TryGetValue(text, out var kind))
        {
            return new TemplateExpression(kind, text);
        }

        if (InputExpression().Match(text) is { Success: true } input)
        {
            return new TemplateExpression(TemplateExpressionKind.Input, text, input.Groups[1].Value);
        }

        if (UpstreamExpression().Match(text) is { Success: true } upstream)
        {
            return new TemplateExpression(TemplateExpressionKind.UpstreamOutput, text, upstream.Groups[1].Value);
        }

        if (text.StartsWith(AssetPrefix, StringComparison.Ordinal))
        {
            var name = text[AssetPrefix.Length..];
            if (AssetNames.IsValid(name))
            {
                return new TemplateExpression(TemplateExpressionKind.Asset, text, name);
            }

            error = $"{text}: '{name}' is not an asset name ({AssetNames.Rule})";
            return null;
        }

        if (text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            var name = text[SecretPrefix.Length..];
            if (SecretNames.IsValid(name))
            {
                return new TemplateExpression(TemplateExpressionKind.Secret, text, name);
            }

            error = $"{text}: '{name}' is not a valid secret name ({SecretNames.Rule})";
            return null;
        }

        error = text.Length == 0
            ? "${{ }}: empty expression"
            : $"{text}: unknown expression; expected inputs.<name>, run.id, run.workflowId, run.logicalDate, "
              + "run.logicalTime, dataRoot, step.output, steps.<id>.output, assets.<name>, partition.key or secrets.<NAME>";
        return null;
    }

    [GeneratedRegex("^inputs\\.([A-Za-z][A-Za-z0-9_-]*)\\z")]
    private static partial Regex InputExpression();

    [GeneratedRegex("^steps\\.([a-z0-9][a-z0-9-]*)\\.output\\z")]
    private static partial Regex UpstreamExpression();
}
