namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Which options of a step program are paths. The host asks the programs themselves (<c>--describe</c>), which the
/// engine cannot: that means starting processes or containers.
/// </summary>
public interface IStepPathOptions
{
    Task<ProgramPathOptions> ForAsync(string program, CancellationToken cancellationToken);
}
