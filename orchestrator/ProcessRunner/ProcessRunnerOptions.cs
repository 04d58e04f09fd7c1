namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>How the process runner starts steps; bound from the <c>Runner:Process</c> configuration section.</summary>
public sealed class ProcessRunnerOptions
{
    /// <summary>The folder step processes start in; relative paths in workflow inputs are read from here. Default: the server's working directory.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// Where each step program's entry assembly is, by program name (<c>chunker</c> →
    /// <c>/app/steps/chunker/Pipeline.Steps.Chunker.dll</c>). Programs not listed are looked for in the
    /// repository's build output (<c>steps/&lt;Name&gt;/bin/&lt;Configuration&gt;/net10.0</c>).
    /// </summary>
    public Dictionary<string, string> Programs { get; set; } = [];

    /// <summary>How long a step has to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
