namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>The assets a step names in its arguments or environment (<c>${{ assets.&lt;name&gt; }}</c>).</summary>
public static class StepAssets
{
    /// <summary>Each asset once, in name order.</summary>
    public static IEnumerable<string> Names(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Args.Concat(step.Env.Values)
            .SelectMany(t => StepTemplate.Parse(t).Expressions)
            .Where(e => e.Kind == TemplateExpressionKind.Asset)
            .Select(e => e.Name!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }
}
