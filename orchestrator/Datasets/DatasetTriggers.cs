using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// Starts a run of every published workflow whose dataset trigger matches a new dataset, with the trigger's path
/// input set to the dataset's file. Each run's dedup key is the dataset and workflow, so firing again (after a
/// server stopped between the runs and the mark, see <see cref="FireUntriggeredAsync"/>) never starts a run twice.
/// A run that cannot start is recorded with the reason, for the dataset's page.
/// </summary>
public sealed partial class DatasetTriggers(IDatasetStore datasets, ScheduleCatalog catalog, RunLauncher launcher, TimeProvider time, ILogger<DatasetTriggers> logger)
{
    public async Task<IReadOnlyList<DatasetRun>> FireAsync(DatasetRecord dataset, CancellationToken cancellationToken)
    {
        var runs = new List<DatasetRun>();
        foreach (var (definition, trigger) in await catalog.DatasetTriggersAsync(dataset.Name, cancellationToken))
        {
            var inputs = new Dictionary<string, string>(trigger.Inputs, StringComparer.Ordinal) { [trigger.Input!] = dataset.Path };
            if (trigger.TimeZoneInput is { } zoneInput)
            {
                inputs[zoneInput] = dataset.TimeZone;
            }

            DatasetRun run;
            try
            {
                var started = await launcher.LaunchAsync(
                    new LaunchRequest
                    {
                        WorkflowId = definition.Id,
                        Inputs = inputs,
                        TriggeredBy = "dataset",
                        StartedBy = dataset.CreatedBy,
                        DedupKey = $"dataset:{dataset.Id}:{definition.Id}",
                    },
                    cancellationToken);
                run = new DatasetRun(definition.Id, started?.Id, started is null ? "a run for this dataset was started before (by an earlier attempt to fire its triggers)" : null, time.GetUtcNow());
            }
            catch (LaunchRefusedException e)
            {
                run = Refused(dataset, definition.Id, e.Problems.Count == 0 ? e.Message : $"{e.Message}: {string.Join("; ", e.Problems)}");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One workflow's failure (its store write, say) must not keep the others from starting.
                run = Refused(dataset, definition.Id, $"could not start: {e.Message}");
            }

            await datasets.AddRunAsync(dataset.Id, run, cancellationToken);
            runs.Add(run);
        }

        await datasets.MarkTriggersFiredAsync(dataset.Id, time.GetUtcNow(), cancellationToken);
        return runs;
    }

    private DatasetRun Refused(DatasetRecord dataset, string workflowId, string reason)
    {
        Log.RunRefused(logger, dataset.Id, workflowId, reason);
        return new DatasetRun(workflowId, null, reason, time.GetUtcNow());
    }

    /// <summary>Fires the triggers of datasets stored by a server that stopped before firing them (at start-up).</summary>
    public async Task FireUntriggeredAsync(CancellationToken cancellationToken)
    {
        foreach (var dataset in await datasets.UntriggeredAsync(cancellationToken))
        {
            Log.FiringLate(logger, dataset.Id, dataset.Name);
            await FireAsync(dataset, cancellationToken);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "dataset {DatasetId}: workflow {WorkflowId} did not start: {Reason}")]
        public static partial void RunRefused(ILogger logger, string datasetId, string workflowId, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "dataset {DatasetId} ({Name}) was stored but its triggers were not fired; firing them now")]
        public static partial void FiringLate(ILogger logger, string datasetId, string name);
    }
}
