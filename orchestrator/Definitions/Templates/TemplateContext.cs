namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>The values a step's templates are rendered with; a value a template uses but that is absent is an error.</summary>
public sealed record TemplateContext
{
    /// <summary>The run's resolved inputs (see <c>InputResolver</c>).</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    public string? RunId { get; init; }

    public string? WorkflowId { get; init; }

    /// <summary>The instant the run stands for (a cron due time, else when it was triggered); its offset decides
    /// <c>run.logicalDate</c>, so a schedule in a time zone gives that zone's calendar day.</summary>
    public DateTimeOffset? LogicalDate { get; init; }

    public string? DataRoot { get; init; }

    /// <summary>This step's output folder.</summary>
    public string? StepOutput { get; init; }

    /// <summary>
    /// What <c>${{ partition.key }}</c> renders to: in a partitioned step, a placeholder unique to the run, which
    /// each partition's step run replaces with its day (so inputs cannot forge it).
    /// </summary>
    public string? PartitionKey { get; init; }

    /// <summary>Output folders of the upstream steps, by step id.</summary>
    public IReadOnlyDictionary<string, string> UpstreamOutputs { get; init; } = new Dictionary<string, string>();
}
