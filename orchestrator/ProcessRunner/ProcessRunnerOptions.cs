using Pipeline.Orchestrator.Engine.Hosting;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>How the process runner starts steps; bound from the <c>Runner:Process</c> configuration section.</summary>
public sealed class ProcessRunnerOptions : ICheckedOptions
{
    /// <summary>The folder step processes start in; relative paths in workflow inputs are read from here. Default: the server's working directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// Where each step program is, by program name: a framework-dependent entry assembly, run with the server's
    /// dotnet host (<c>chunker</c> → <c>/app/steps/chunker/Pipeline.Steps.Chunker.dll</c>), or a native program
    /// run directly (<c>/opt/pipeline/Pipeline.Steps.Chunker</c>). Programs not listed are looked for in the
    /// repository's build output (<c>steps/&lt;Name&gt;/bin/&lt;Configuration&gt;/native</c>, then <c>net10.0</c>).
    /// </summary>
    public Dictionary<string, string> Programs { get; set; } = [];

    /// <summary>
    /// The commands <c>command</c> steps may run: each entry is a command exactly as a definition writes it
    /// (<c>/bin/sh</c>, or a name looked up on the server's PATH such as <c>python3</c>), or an absolute folder
    /// ending in <c>/*</c> (<c>/opt/tools/*</c>) for the programs directly in it. Empty (the default): no command
    /// step runs, only the registered step programs (<c>program</c> steps).
    /// </summary>
    public List<string> AllowedCommands { get; set; } = [];

    /// <summary>
    /// Variables of the server's environment every step process gets as well, when set (e.g.
    /// <c>CLUSTER_PREDICT_CONNECTION_STRING</c>). A step gets only <c>PATH</c>, <c>HOME</c>, <c>TZ</c>, <c>LANG</c>,
    /// <c>LC_ALL</c>, <c>LC_CTYPE</c> and <c>TMPDIR</c> of it otherwise (<see cref="InheritedEnvironment"/>).
    /// </summary>
    public List<string> PassEnvironment { get; set; } = [];

    /// <summary>How long a step has to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < AllowedCommands.Count; i++)
        {
            if (CommandAllowList.Problem(AllowedCommands[i]) is { } problem)
            {
                yield return $"{CommandAllowList.Setting}:{i}: {problem}";
            }
        }
    }
}
