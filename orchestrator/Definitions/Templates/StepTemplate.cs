using System.Globalization;
using System.Text;

namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>
/// A step argument or environment value with <c>${{ expr }}</c> placeholders (whitespace inside the braces is
/// ignored; <c>$${{</c> writes a literal <c>${{</c>). Expressions: <c>inputs.&lt;name&gt;</c>, <c>run.id</c>,
/// <c>run.workflowId</c>, <c>run.logicalDate</c>, <c>run.logicalTime</c>, <c>dataRoot</c>, <c>step.output</c>,
/// <c>steps.&lt;id&gt;.output</c>, <c>assets.&lt;name&gt;</c> (<c>{dataRoot}/assets/&lt;name&gt;</c>), and in environment values <c>secrets.&lt;NAME&gt;</c>, which
/// <see cref="RenderKeepingSecrets"/> keeps as a reference for the runner to fill in.
/// </summary>
/// <remarks>
/// Values are inserted as they are, with no quoting: an argument list is an argv array handed to the process (or
/// container) directly, never a shell string, so a value with spaces or quotes stays one argument and cannot inject
/// another.
/// </remarks>
public sealed class StepTemplate
{
    private StepTemplate(IReadOnlyList<TemplatePart> parts, IReadOnlyList<string> errors)
    {
        Parts = parts;
        Errors = errors;
    }

    /// <summary>Literal text and expressions in order; literal escapes are already undone.</summary>
    public IReadOnlyList<TemplatePart> Parts { get; }

    /// <summary>Why the template does not parse, each starting with the offending expression; empty when it does.</summary>
    public IReadOnlyList<string> Errors { get; }

    public IEnumerable<TemplateExpression> Expressions => Parts.Where(p => p.Expression is not null).Select(p => p.Expression!);

    /// <summary>Parses <paramref name="text"/>, collecting every error rather than stopping at the first.</summary>
    public static StepTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<TemplatePart>();
        var errors = new List<string>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (string.CompareOrdinal(text, i, "$${{", 0, 4) == 0)
            {
                literal.Append("${{");
                i += 4;
                continue;
            }

            if (string.CompareOrdinal(text, i, "${{", 0, 3) != 0)
            {
                literal.Append(text[i]);
                i++;
                continue;
            }

            var end = text.IndexOf("}}", i + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                errors.Add($"{text[i..]}: '${{{{' is not closed by '}}}}'");
                break;
            }

            Flush(literal, parts);
            var expression = TemplateExpressionParser.Parse(text[(i + 3)..end].Trim(), out var error);
            if (expression is null)
            {
                errors.Add(error!);
            }
            else
            {
                parts.Add(TemplatePart.Of(expression));
            }

            i = end + 2;
        }

        Flush(literal, parts);
        return new StepTemplate(parts, errors);
    }

    /// <summary>Renders <paramref name="template"/> with <paramref name="context"/>.</summary>
    /// <exception cref="TemplateException">The template does not parse, or a value it uses is missing.</exception>
    public static string Render(string template, TemplateContext context) => Parse(template).Render(context);

    /// <inheritdoc cref="Render(string, TemplateContext)"/>
    public string Render(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Errors.Count > 0)
        {
            throw new TemplateException("template does not parse: " + string.Join("; ", Errors));
        }

        var builder = new StringBuilder();
        foreach (var part in Parts)
        {
            builder.Append(part.Literal ?? Value(part.Expression!, context));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Renders every expression but <c>secrets.NAME</c>, which stays a reference: text and secret parts in order,
    /// adjacent text joined. The secret's value is put in by the runner (<c>StepEnvironment</c>), so it is never part of
    /// what is stored with the run, and a rendered input value cannot turn into a secret reference.
    /// </summary>
    /// <exception cref="TemplateException">The template does not parse, or a value it uses is missing.</exception>
    public IReadOnlyList<EnvValuePart> RenderKeepingSecrets(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Errors.Count > 0)
        {
            throw new TemplateException("template does not parse: " + string.Join("; ", Errors));
        }

        var parts = new List<EnvValuePart>();
        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            if (part.Expression is { Kind: TemplateExpressionKind.Secret } secret)
            {
                if (text.Length > 0)
                {
                    parts.Add(new EnvValuePart(Text: text.ToString()));
                    text.Clear();
                }

                parts.Add(new EnvValuePart(Secret: secret.Name));
            }
            else
            {
                text.Append(part.Literal ?? Value(part.Expression!, context));
            }
        }

        if (text.Length > 0)
        {
            parts.Add(new EnvValuePart(Text: text.ToString()));
        }

        return parts;
    }

    private static string Value(TemplateExpression e, TemplateContext c) => e.Kind switch
    {
        TemplateExpressionKind.Input => c.Inputs.TryGetValue(e.Name!, out var v) ? v : throw Missing(e, $"the run has no input '{e.Name}'"),
        TemplateExpressionKind.RunId => c.RunId ?? throw Missing(e, "the run id is not set"),
        TemplateExpressionKind.WorkflowId => c.WorkflowId ?? throw Missing(e, "the workflow id is not set"),
        TemplateExpressionKind.LogicalDate => c.LogicalDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            ?? throw Missing(e, "the run has no logical date"),
        TemplateExpressionKind.LogicalTime => c.LogicalDate?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            ?? throw Missing(e, "the run has no logical date"),
        TemplateExpressionKind.DataRoot => c.DataRoot ?? throw Missing(e, "the data root is not set"),
        TemplateExpressionKind.StepOutput => c.StepOutput ?? throw Missing(e, "the step's output folder is not set"),
        TemplateExpressionKind.UpstreamOutput => c.UpstreamOutputs.TryGetValue(e.Name!, out var o) ? o
            : throw Missing(e, $"no output folder is known for step '{e.Name}'"),
        TemplateExpressionKind.Asset => c.DataRoot is { } root ? Path.Combine(root, "assets", e.Name!) : throw Missing(e, "the data root is not set"),
        TemplateExpressionKind.PartitionKey => c.PartitionKey ?? throw Missing(e, "only a partitioned step (one with 'partitions') runs for a partition"),
        TemplateExpressionKind.Secret => throw new TemplateException($"{e.Text}: a secret is not rendered into text; only an 'env' value may use it"),
        _ => throw new TemplateException($"{e.Text}: unknown expression"),
    };

    private static TemplateException Missing(TemplateExpression e, string why) => new($"cannot render ${{{{ {e.Text} }}}}: {why}");

    private static void Flush(StringBuilder literal, List<TemplatePart> parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(TemplatePart.Text(literal.ToString()));
            literal.Clear();
        }
    }
}
