using System.Reflection;
using Pipeline.Steps.Confinement;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// The step's own check of its path options (<see cref="PathOptionAttribute"/>) against where the server lets runs
/// reach (<see cref="PathPolicy"/>), once the options are bound: whatever set them (the command line, the environment or a --config
/// file), a path that leads outside is refused before anything is read or written. A state folder left to its
/// default lies beside the output folder and is checked as such.
/// </summary>
internal static class PathOptionChecks
{
    public static IEnumerable<string> Problems(StepOptions options, string stepName, IEnumerable<PropertyInfo> properties, PathPolicy paths)
    {
        foreach (var property in properties)
        {
            if (property.GetCustomAttribute<PathOptionAttribute>() is not { } path)
            {
                continue;
            }

            var values = property.GetValue(options) switch
            {
                string one when one.Length > 0 => [one],
                string[] many => many,
                _ => [],
            };
            foreach (var value in values)
            {
                if (paths.Problem(value, path.Access) is { } problem)
                {
                    yield return $"--{OptionNames.Kebab(property.Name)} {problem}";
                }
            }
        }

        if (string.IsNullOrEmpty(options.StateDir) && !string.IsNullOrEmpty(options.Output)
            && paths.Problem(options.ResolveStateDir(stepName), PathAccess.WriteInto) is { } stateProblem)
        {
            yield return $"--state-dir (by default beside --output) {stateProblem}";
        }
    }
}
