using System.Collections;
using Pipeline.Steps.Confinement;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Where a step started by the server may reach, from the variables the server sets
/// (<see cref="ConfinementEnvironment"/>): where its path options may lead (none given: anywhere, as when run by
/// hand) and whether its URLs may lead to private addresses.
/// </summary>
public sealed record StepConfinement(PathPolicy? Paths, bool AllowPrivateUrls)
{
    /// <summary>The variable that names the setting allowing private URLs, for refusals.</summary>
    public const string AllowedBy = ConfinementEnvironment.AllowPrivateUrls + "=true";

    public static StepConfinement From(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var allowPrivate = environment[ConfinementEnvironment.AllowPrivateUrls] is string allow
            && (allow == "1" || allow.Equals("true", StringComparison.OrdinalIgnoreCase));
        return new StepConfinement(PathPolicy.FromEnvironment(environment), allowPrivate);
    }
}
