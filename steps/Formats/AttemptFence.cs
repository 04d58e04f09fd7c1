using System.Collections;
using System.Globalization;

namespace Pipeline.Steps.Formats;

/// <summary>
/// The step's side of the server's fencing token: the server names in a file (<c>PIPELINE_FENCE</c>) the one attempt
/// of this step that may publish, and rewrites it when a newer attempt starts. Checked just before every rename that
/// publishes (the output folder, an asset's partition, a model version) and before committing to a database, so an
/// attempt left running on a server that lost its lease gives way instead of overwriting its successor's work.
/// A step run by hand, or by a server that sets no fence, is not fenced.
/// </summary>
public sealed record AttemptFence(string Path, int Attempt)
{
    public const string Variable = "PIPELINE_FENCE";

    // Ambient for the step's run (set by the step host, flowing into everything it awaits), so that the places that
    // publish need no extra parameter; in-process tests running steps side by side each see their own.
    private static readonly AsyncLocal<AttemptFence?> Ambient = new();

    /// <summary>The fence of the step being run, or null when it is not fenced.</summary>
    public static AttemptFence? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>The fence the environment names (<c>PIPELINE_FENCE</c> and <c>PIPELINE_ATTEMPT</c>), or null.</summary>
    public static AttemptFence? From(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment[Variable] is string { Length: > 0 } path
            && environment["PIPELINE_ATTEMPT"] is string own
            && int.TryParse(own, NumberStyles.None, CultureInfo.InvariantCulture, out var attempt)
                ? new AttemptFence(path, attempt)
                : null;
    }

    /// <summary>Throws when a newer attempt of the running step has started since this one did.</summary>
    public static void Check() => Current?.Verify();

    private void Verify()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No fence there (a server that sets none), or one this step cannot read: nothing says another attempt
            // took over, and refusing every publish for that would fail every step.
            return;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var allowed) && allowed != Attempt)
        {
            throw StepException.Transient(
                $"not publishing: attempt {Attempt} of this step was superseded by attempt {allowed} (its server lost its lease), "
                + $"whose output stands ({Path})");
        }
    }
}
