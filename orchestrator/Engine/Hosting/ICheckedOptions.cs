namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>
/// A module's settings that can say what is wrong with them: each problem names the key to fix
/// (<c>"Engine:MaxParallelSteps must be at least 1"</c>). Checked when the host starts
/// (<see cref="CheckedOptions.AddCheckedOptions{TOptions}"/>), so a bad setting stops the server before it serves.
/// </summary>
public interface ICheckedOptions
{
    IEnumerable<string> Problems();
}
