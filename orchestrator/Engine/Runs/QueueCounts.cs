namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>How much of one workflow is running or waiting, across all servers (the database's view).</summary>
public sealed record QueueCounts(string WorkflowId, long ActiveRuns, long QueuedRuns, long ReadySteps);
