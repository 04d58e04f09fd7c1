namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>Names one attempt of one step run.</summary>
public readonly record struct AttemptKey(string RunId, string StepId, int Attempt)
{
    public override string ToString() => $"{RunId}/{StepId}#{Attempt}";
}
