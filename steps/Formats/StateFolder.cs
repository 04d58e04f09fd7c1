namespace Pipeline.Steps.Formats;

/// <summary>
/// The folder a workflow server gives a step for what it keeps across runs (an input ledger, a feature history):
/// <c>PIPELINE_STATE_DIR</c>, one per workflow and step, so every run of that step sees the state earlier runs
/// left. Without it (a step run by hand), the state lives in <c>_state</c> beside the output folder.
/// </summary>
public static class StateFolder
{
    public const string EnvironmentVariable = "PIPELINE_STATE_DIR";
}
