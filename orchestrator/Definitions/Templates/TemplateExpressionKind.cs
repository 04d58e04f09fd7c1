namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>What a <c>${{ ... }}</c> expression refers to.</summary>
public enum TemplateExpressionKind
{
    /// <summary><c>inputs.&lt;name&gt;</c>: a run input.</summary>
    Input,

    /// <summary><c>run.id</c>.</summary>
    RunId,

    /// <summary><c>run.workflowId</c>.</summary>
    WorkflowId,

    /// <summary><c>run.logicalDate</c>: the logical date as yyyy-MM-dd, in the offset it was given in.</summary>
    LogicalDate,

    /// <summary><c>run.logicalTime</c>: the logical instant in ISO 8601, UTC.</summary>
    LogicalTime,

    /// <summary><c>dataRoot</c>: the folder under which the server keeps run data.</summary>
    DataRoot,

    /// <summary><c>step.output</c>: this step's own output folder.</summary>
    StepOutput,

    /// <summary><c>steps.&lt;id&gt;.output</c>: the output folder of an upstream step.</summary>
    UpstreamOutput,

    /// <summary><c>assets.&lt;name&gt;</c>: an asset's folder, <c>{dataRoot}/assets/&lt;name&gt;</c> (one <c>day=YYYY-MM-DD</c> folder per partition).</summary>
    Asset,

    /// <summary><c>partition.key</c>: the day (<c>yyyy-MM-dd</c>) one partition of a partitioned step runs for.</summary>
    PartitionKey,

    /// <summary>
    /// <c>secrets.&lt;NAME&gt;</c>: a secret of the server, by name; allowed in <c>env</c> values only, and never
    /// rendered into what is stored: the runner puts the value into the step's environment when it starts it.
    /// </summary>
    Secret,
}
