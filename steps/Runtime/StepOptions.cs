using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Pipeline.Steps.Confinement;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Options every step accepts. A step's own options class derives from this one; each public settable property is
/// an option, set from <c>--kebab-name</c>, from the environment variable <c>STEP_NAME_UPPER_SNAKE</c>, or from the
/// JSON file given by <c>--config</c> (command line wins over environment, environment over file).
/// The options are found by reflection over public properties: the annotation keeps them, and their setters and
/// the parameterless constructor, in every derived class when a step is compiled ahead of time (trimmed).
/// </summary>
[DynamicallyAccessedMembers(Members)]
public abstract class StepOptions
{
    /// <summary>What reflection reads of an options class: its properties and its parameterless constructor.</summary>
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    /// <summary>Folder the step publishes its outputs and <c>_manifest.json</c> into; replaced atomically.</summary>
    [Description("Folder the step publishes into (replaced atomically; owned by the step).")]
    [PathOption(PathAccess.Replace)]
    public string Output { get; set; } = "";

    /// <summary>
    /// Folder for state kept across runs (input ledger, feature history); defaults to the server's
    /// <c>PIPELINE_STATE_DIR</c>, else to <c>_state</c> beside the output.
    /// </summary>
    [Description("Folder for state kept across runs (default: the server's PIPELINE_STATE_DIR, else _state beside the output folder).")]
    [PathOption(PathAccess.WriteInto)]
    public string? StateDir { get; set; }

    /// <summary>Log debug messages too.</summary>
    [Description("Log debug messages too.")]
    public bool Verbose { get; set; }

    /// <summary>Log warnings and errors only.</summary>
    [Description("Log warnings and errors only.")]
    public bool Quiet { get; set; }

    /// <summary>The state folder actually used.</summary>
    public string ResolveStateDir(string stepName) =>
        StateDir is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Output)) ?? ".", "_state", stepName);

    /// <summary>Checks the options once bound; each returned message names the option at fault.</summary>
    public virtual IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Output))
        {
            yield return "--output is required";
        }

        if (Verbose && Quiet)
        {
            yield return "--verbose and --quiet cannot be combined";
        }

        foreach (var property in GetType().GetProperties().Where(p => p.GetCustomAttribute<RequiredOptionAttribute>() is not null))
        {
            if (string.IsNullOrWhiteSpace(property.GetValue(this) as string))
            {
                yield return $"--{OptionNames.Kebab(property.Name)} is required";
            }
        }
    }
}
