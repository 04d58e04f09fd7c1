using Microsoft.Extensions.Logging;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Runtime;

/// <summary>What a step body gets from the host: its options, a logger, the staging output, timings and the clock.</summary>
public sealed class StepContext<TOptions>
    where TOptions : StepOptions
{
    private readonly List<InputRecord> _inputs = [];
    private readonly List<ManifestAsset> _assets = [];
    private readonly Lock _gate = new();

    internal StepContext(StepDefinition step, TOptions options, ILogger logger, StepOutput output, TimeProvider clock, RunAttempt? run = null, StepConfinement? confinement = null)
    {
        Step = step;
        Options = options;
        Logger = logger;
        Output = output;
        Clock = clock;
        Run = run;
        Confinement = confinement ?? new StepConfinement(null, AllowPrivateUrls: false);
        StateDirectory = options.ResolveStateDir(step.Name);
    }

    public StepDefinition Step { get; }

    public TOptions Options { get; }

    public ILogger Logger { get; }

    public StepOutput Output { get; }

    public TimeProvider Clock { get; }

    public StepTimings Timings { get; } = new();

    /// <summary>The orchestrator run, step and attempt this process is; null when run by hand.</summary>
    public RunAttempt? Run { get; }

    /// <summary>Where the server lets this step reach (paths, private addresses); anywhere when run by hand.</summary>
    public StepConfinement Confinement { get; }

    /// <summary>Folder for state kept across runs of this step (created on first use by the step).</summary>
    public string StateDirectory { get; }

    public IReadOnlyList<InputRecord> Inputs
    {
        get
        {
            lock (_gate)
            {
                return [.. _inputs];
            }
        }
    }

    /// <summary>Why a gate of the step failed (<see cref="Block"/>); null while none did.</summary>
    public string? BlockedBy { get; private set; }

    /// <summary>
    /// Fails a gate: the output is still published, then the step exits <see cref="StepExitCodes.GateBlocked"/>
    /// unless the server passed an editor's override.
    /// </summary>
    public void Block(string reason) => BlockedBy ??= reason;

    /// <summary>The assets whose partitions the step wrote, for the manifest.</summary>
    public IReadOnlyList<ManifestAsset> Assets
    {
        get
        {
            lock (_gate)
            {
                return [.. _assets];
            }
        }
    }

    /// <summary>Records the partitions of an asset the step wrote (or found up to date), for the manifest.</summary>
    public void AddAsset(ManifestAsset asset)
    {
        lock (_gate)
        {
            _assets.Add(asset);
        }
    }

    /// <summary>Records an input for the manifest.</summary>
    public void AddInput(InputRecord input)
    {
        lock (_gate)
        {
            _inputs.Add(input);
        }
    }
}
