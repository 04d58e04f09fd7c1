using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>
/// A step as it will run in one run: the definition's step with every template already rendered (inputs, logical
/// date, output folders). Stored with the step run, so a retry runs exactly what the first attempt ran.
/// </summary>
public sealed record StepSpec
{
    public string? Program { get; init; }

    public string? Command { get; init; }

    public string? Image { get; init; }

    /// <summary>The runner the definition asked for (<see cref="StepRunners"/>); null: the server's default.</summary>
    public string? Runner { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Environment variables whose values use secrets (<c>${{ secrets.NAME }}</c>): rendered text and secret names, in
    /// order. The runner puts the values in when it starts the step (<c>StepEnvironment</c>); they are never stored.
    /// Null when the step uses no secret (and in specs stored before secrets existed).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<EnvValuePart>>? SecretEnv { get; init; }

    /// <summary>The names of the secrets the step uses.</summary>
    public IEnumerable<string> SecretNames() =>
        (SecretEnv?.Values.SelectMany(parts => parts) ?? []).Where(p => p.Secret is not null).Select(p => p.Secret!).Distinct(StringComparer.Ordinal);

    /// <summary>The step's own output folder, under the data root: <c>runs/{runId}/{stepId}</c>.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>
    /// The step's state kept across runs, under the data root: <c>state/{workflowId}/{stepId}</c>, the same for every
    /// run of the workflow (given to the step as <c>PIPELINE_STATE_DIR</c>). Null in specs stored before it existed.
    /// </summary>
    public string? StateFolder { get; init; }

    /// <summary>
    /// The folders of the assets the step's arguments and environment name (<c>${{ assets.NAME }}</c>): the runner
    /// creates them, and hands them to a container's user as it does the state folder. Null when it names none.
    /// </summary>
    public IReadOnlyList<string>? AssetFolders { get; init; }

    /// <summary>Output folders of the steps this one depends on, by step id (their manifests are in them).</summary>
    public IReadOnlyDictionary<string, string> UpstreamOutputs { get; init; } = new Dictionary<string, string>();

    public RetryPolicy Retry { get; init; } = new();

    public double? TimeoutSeconds { get; init; }

    public StepResources? Resources { get; init; }

    /// <summary>
    /// Set on a partitioned step's own step run, which fans out into one step run per partition (each with this
    /// spec, the placeholder replaced by its day, and no plan); null on every other step run.
    /// </summary>
    public PartitionPlan? Partitions { get; init; }

    /// <summary>
    /// The spec of one partition: the plan's placeholder replaced by <paramref name="key"/> in arguments,
    /// environment and output folder (rendered as <c>runs/{runId}/{stepId}/{placeholder}</c>: one folder per
    /// partition under the step's own).
    /// </summary>
    public StepSpec ForPartition(string key)
    {
        var placeholder = Partitions?.Placeholder ?? throw new InvalidOperationException("the step is not partitioned");
        string Put(string text) => text.Replace(placeholder, key, StringComparison.Ordinal);
        return this with
        {
            Partitions = null,
            Args = [.. Args.Select(Put)],
            Env = Env.ToDictionary(e => e.Key, e => Put(e.Value), StringComparer.Ordinal),
            SecretEnv = SecretEnv?.ToDictionary(
                e => e.Key,
                e => (IReadOnlyList<EnvValuePart>)[.. e.Value.Select(p => p.Text is { } text ? p with { Text = Put(text) } : p)],
                StringComparer.Ordinal),
            OutputFolder = Put(OutputFolder),
        };
    }
}
