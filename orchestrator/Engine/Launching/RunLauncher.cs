using System.Globalization;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Definitions.Serialization;
using Pipeline.Orchestrator.Definitions.Templates;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Engine.Runs;
using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Engine.Storage;
using Pipeline.Orchestrator.Engine.Telemetry;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Turns a request into a stored run: the published version's definition, inputs checked and defaulted, every
/// step's arguments and environment rendered once (so retries run exactly the same command). A definition whose steps
/// this server's settings do not allow (<see cref="ExecutionPolicy"/>) or whose path inputs lead outside the input
/// roots is refused, and so is a run that would leave its workflow with more than
/// <see cref="EngineOptions.MaxQueuedRunsPerWorkflow"/> runs waiting, whatever triggered it.
/// </summary>
public sealed partial class RunLauncher(
    IWorkflowStore workflows,
    IRunStore runs,
    EngineSignal signal,
    EngineOptions options,
    ExecutionPolicy policy,
    SecretStore secrets,
    TimeProvider clock,
    EngineTelemetry? telemetry = null)
{
    private readonly EngineTelemetry _telemetry = telemetry ?? new EngineTelemetry();

    /// <summary>The created run, or null when <see cref="LaunchRequest.DedupKey"/> was already used.</summary>
    public async Task<RunRecord?> LaunchAsync(LaunchRequest request, CancellationToken cancellationToken) =>
        (await LaunchAsync(await PrepareAsync([request], cancellationToken), cancellationToken))[0];

    /// <summary>
    /// Checks each request and renders its run without storing anything, so a refusal
    /// (<see cref="LaunchRefusedException"/>) comes before any run exists.
    /// </summary>
    public async Task<PreparedRuns> PrepareAsync(IReadOnlyList<LaunchRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // A backfill asks for the same version hundreds of times: it is read and checked once.
        var versions = new Dictionary<(string, int?), CheckedVersion>();
        var prepared = new List<NewRun>(requests.Count);
        var urlChecks = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (!versions.TryGetValue((request.WorkflowId, request.Version), out var checkedVersion))
            {
                checkedVersion = await CheckedVersionAsync(request, cancellationToken);
                versions[(request.WorkflowId, request.Version)] = checkedVersion;
            }

            prepared.Add(await PrepareOneAsync(request, checkedVersion, urlChecks, cancellationToken));
        }

        return new PreparedRuns(prepared);
    }

    /// <summary>
    /// Stores prepared runs, all or none: null for a run whose dedup key was used. Refused with
    /// <see cref="LaunchRefusedException.QueueFull"/> (nothing stored) when a workflow would have more than
    /// <see cref="EngineOptions.MaxQueuedRunsPerWorkflow"/> runs waiting.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord?>> LaunchAsync(PreparedRuns prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        // The trace of a run begins when it is stored, not when it was checked (a refused backfill leaves no spans).
        var batch = prepared.Runs.Select(r => r with
        {
            Run = r.Run with { TraceParent = _telemetry.Tracing.StartRun(r.Run.Id, r.Run.WorkflowId, r.Run.TriggeredBy, r.Run.CreatedAt) },
        }).ToList();
        IReadOnlyList<RunRecord?>? created = null;
        try
        {
            created = await runs.CreateRunsAsync(batch, options.MaxQueuedRunsPerWorkflow, cancellationToken);
        }
        catch (RunQueueFullException e)
        {
            foreach (var refused in batch.Where(r => r.Run.WorkflowId == e.WorkflowId).GroupBy(r => r.Run.TriggeredBy, StringComparer.Ordinal))
            {
                _telemetry.Metrics.RunsRefused(e.WorkflowId, refused.Key, "queue-full", refused.Count());
            }

            throw new LaunchRefusedException(QueueFullMessage(e), [], queueFull: true);
        }
        finally
        {
            // Not stored (a deduplicated trigger, a full queue, or the database failed): the span has no run to end it.
            for (var i = 0; i < batch.Count; i++)
            {
                if (created?[i] is null)
                {
                    _telemetry.Tracing.Abandon(batch[i].Run.Id);
                }
            }
        }

        signal.RunsCreated();
        foreach (var run in created.OfType<RunRecord>())
        {
            _telemetry.Metrics.RunTriggered(run.WorkflowId, run.TriggeredBy);
        }

        return created;
    }

    private static string QueueFullMessage(RunQueueFullException e)
    {
        const string Setting = "the most this server queues for one workflow (Engine:MaxQueuedRunsPerWorkflow)";
        var state = e.Adding == 1
            ? $"workflow '{e.WorkflowId}' has {e.Queued} runs waiting to start, {(e.Queued == e.Limit ? Setting : $"more than the {e.Limit} that is {Setting}")}"
            : $"workflow '{e.WorkflowId}' has {e.Queued} runs waiting to start and {e.Adding} more would make {e.Queued + e.Adding}, more than the {e.Limit} that is {Setting}; none was created";
        return state + "; wait for some to start or cancel some";
    }

    /// <summary>The published version a request names, checked against this server's settings.</summary>
    private async Task<CheckedVersion> CheckedVersionAsync(LaunchRequest request, CancellationToken cancellationToken)
    {
        var version = await workflows.GetVersionAsync(request.WorkflowId, request.Version, cancellationToken)
            ?? throw new LaunchRefusedException(
                request.Version is { } v ? $"workflow '{request.WorkflowId}' has no published version {v}" : $"workflow '{request.WorkflowId}' has no published version",
                [], notFound: true);
        var (definition, problems) = WorkflowDefinitionReader.ReadAndValidate(version.DefinitionJson);
        if (definition is null || problems.Count > 0)
        {
            throw new LaunchRefusedException($"workflow '{request.WorkflowId}' version {version.Version} is not valid", problems);
        }

        // Published before this server's settings changed (an allow-list, a cap): refused now, as a definition would be.
        if (await policy.CheckAsync(definition, cancellationToken) is { Count: > 0 } refused)
        {
            throw new LaunchRefusedException($"workflow '{request.WorkflowId}' version {version.Version} runs what this server's settings do not allow", refused);
        }

        return new CheckedVersion(version.Version, definition, MissingSecrets(definition));
    }

    private async Task<NewRun> PrepareOneAsync(LaunchRequest request, CheckedVersion version, Dictionary<string, string?> urlChecks, CancellationToken cancellationToken)
    {
        var definition = version.Definition;
        var (inputs, inputProblems) = InputResolver.Resolve(definition, request.Inputs);
        if (inputs is null || inputProblems.Count > 0)
        {
            throw new LaunchRefusedException($"the inputs do not fit workflow '{request.WorkflowId}'", inputProblems);
        }

        if (await InputConfinement.CheckAsync(definition, inputs, options, urlChecks, cancellationToken) is { Count: > 0 } outside)
        {
            throw new LaunchRefusedException($"a path input of workflow '{request.WorkflowId}' leads outside the folders runs may read", outside);
        }

        if (version.MissingSecrets.Count > 0)
        {
            throw new LaunchRefusedException($"workflow '{request.WorkflowId}' uses secrets this server does not have", version.MissingSecrets);
        }

        var now = clock.GetUtcNow();
        var run = new RunRecord
        {
            Id = RunIds.New(now),
            WorkflowId = definition.Id,
            WorkflowVersion = version.Version,
            State = RunState.Queued,
            TriggeredBy = request.TriggeredBy,
            StartedBy = request.StartedBy,
            LogicalDate = request.LogicalDate ?? now,
            Inputs = inputs,
            CreatedAt = now,
        };
        var steps = definition.Steps.Select(s => StepRunFor(run, definition, s, now)).ToList();
        if (BadPartitionKeys(steps) is { Count: > 0 } badKeys)
        {
            throw new LaunchRefusedException($"a partitioned step of workflow '{request.WorkflowId}' is given keys that are not days", badKeys);
        }

        var outsideArguments = new List<DefinitionProblem>();
        for (var i = 0; i < steps.Count; i++)
        {
            outsideArguments.AddRange(await policy.CheckRenderedAsync(i, steps[i].Spec, cancellationToken));
        }

        if (outsideArguments.Count > 0)
        {
            throw new LaunchRefusedException($"a step of workflow '{request.WorkflowId}' is given a path outside the folders runs may use", outsideArguments);
        }

        return new NewRun(run, steps, request.DedupKey);
    }

    private StepRunRecord StepRunFor(RunRecord run, WorkflowDefinition definition, StepDefinition step, DateTimeOffset now)
    {
        var dataRoot = Path.GetFullPath(options.DataRoot);
        var upstream = step.DependsOn.ToDictionary(d => d, d => OutputFolder(dataRoot, run.Id, d), StringComparer.Ordinal);
        // A partitioned step is rendered once, with a placeholder for its day that each partition's step run replaces;
        // random per run, so no input value can spell it.
        var placeholder = step.Partitions is null ? null : $"@partition-{Guid.NewGuid():N}@";
        var context = new TemplateContext
        {
            Inputs = run.Inputs,
            RunId = run.Id,
            WorkflowId = definition.Id,
            LogicalDate = run.LogicalDate,
            DataRoot = dataRoot,
            StepOutput = placeholder is null ? OutputFolder(dataRoot, run.Id, step.Id) : Path.Combine(OutputFolder(dataRoot, run.Id, step.Id), placeholder),
            PartitionKey = placeholder,
            UpstreamOutputs = definition.Steps.ToDictionary(s => s.Id, s => OutputFolder(dataRoot, run.Id, s.Id), StringComparer.Ordinal),
        };
        var spec = new StepSpec
        {
            Program = step.Program,
            Command = step.Command,
            Image = step.Image,
            Runner = step.Runner,
            Args = [.. step.Args.Select(a => StepTemplate.Render(a, context))],
            Env = step.Env.Where(e => !UsesSecrets(e.Value)).ToDictionary(e => e.Key, e => StepTemplate.Render(e.Value, context), StringComparer.Ordinal),
            // Values with secrets keep them as references: the runner resolves them when it starts the step.
            SecretEnv = step.Env.Any(e => UsesSecrets(e.Value))
                ? step.Env.Where(e => UsesSecrets(e.Value)).ToDictionary(e => e.Key, e => StepTemplate.Parse(e.Value).RenderKeepingSecrets(context), StringComparer.Ordinal)
                : null,
            OutputFolder = context.StepOutput,
            StateFolder = RunPaths.StateFolder(dataRoot, definition.Id, step.Id),
            AssetFolders = AssetFolders(step, dataRoot),
            UpstreamOutputs = upstream,
            Retry = step.Retry,
            TimeoutSeconds = step.TimeoutSeconds,
            Resources = step.Resources,
            Partitions = step.Partitions is { } partitions ? new PartitionPlan
            {
                FromStep = partitions.FromStep,
                Asset = partitions.Asset,
                Keys = partitions.Keys is { } keys ? StepTemplate.Render(keys, context with { PartitionKey = null }) : null,
                Order = partitions.Order ?? PartitionOrders.OldestFirst,
                MaxParallel = partitions.MaxParallel,
                Placeholder = placeholder!,
            } : null,
        };
        return new StepRunRecord
        {
            RunId = run.Id,
            StepId = step.Id,
            DependsOn = step.DependsOn,
            // Every step waits, the first ones included, until the run gets one of its workflow's active-run slots:
            // then the store queues the first ones (StartQueuedRunsAsync), so claims never scan steps of waiting runs.
            State = StepState.Pending,
            ReadyAt = null,
            Spec = spec,
            WorkflowVersion = run.WorkflowVersion,
        };
    }

    /// <summary>A problem per partitioned step whose rendered keys do not parse: refused now rather than failing later.</summary>
    private static List<DefinitionProblem> BadPartitionKeys(List<StepRunRecord> steps)
    {
        var problems = new List<DefinitionProblem>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Spec.Partitions?.Keys is { } keys && PartitionKeyList.Parse(keys, out var error) is null)
            {
                problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"$.steps[{i}].partitions.keys"), error!));
            }
        }

        return problems;
    }

    private static List<string>? AssetFolders(StepDefinition step, string dataRoot)
    {
        var names = StepAssets.Names(step).ToList();
        return names.Count == 0 ? null : [.. names.Select(n => AssetLayout.AssetFolder(dataRoot, n))];
    }

    private static bool UsesSecrets(string template) => StepTemplate.Parse(template).Expressions.Any(e => e.Kind == TemplateExpressionKind.Secret);

    /// <summary>A problem per env value that uses a secret the server does not have, saying where it looked (never a value).</summary>
    private List<DefinitionProblem> MissingSecrets(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            foreach (var (name, value) in definition.Steps[i].Env)
            {
                var names = StepTemplate.Parse(value).Expressions.Where(e => e.Kind == TemplateExpressionKind.Secret).Select(e => e.Name!);
                foreach (var secret in secrets.Resolve(names).Missing)
                {
                    problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"$.steps[{i}].env.{name}"), secrets.Missing(secret)));
                }
            }
        }

        return problems;
    }

    private static string OutputFolder(string dataRoot, string runId, string stepId) => Path.Combine(dataRoot, "runs", runId, stepId);
}
