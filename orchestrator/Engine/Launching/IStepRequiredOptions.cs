namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// The options a step program cannot start without, as its <c>--describe</c> marks them (<c>"required": true</c>).
/// The host asks the programs themselves, which the engine cannot: that means starting processes or containers.
/// </summary>
public interface IStepRequiredOptions
{
    /// <summary>The program's required options, or null when it could not be asked (it then checks them itself when it starts).</summary>
    Task<ProgramRequiredOptions?> ForAsync(string program, CancellationToken cancellationToken);
}

/// <summary>
/// A program's required options, and the variable naming its <c>--config</c> file (a file that may give any option,
/// so a step that names one is not checked here: only the program knows what the file holds).
/// </summary>
public sealed record ProgramRequiredOptions(IReadOnlyList<RequiredOption> Options, string ConfigEnvironmentName);

/// <summary>A required option: its flag (<c>--registry</c>) and the variable that sets it too (<c>CLUSTER_PREDICT_REGISTRY</c>).</summary>
public sealed record RequiredOption(string Flag, string? EnvironmentName);
