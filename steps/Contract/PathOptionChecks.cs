using System.Reflection;
using Pipeline.Steps.Confinement;

namespace Pipeline.Steps.Contract;

/// <summary>
/// The step's own check of its path options (<see cref="PathOptionAttribute"/>) against the folders the server lets
/// runs use, once the options are bound: whatever set them (the command line, the environment or a --config file),
/// a path that leads outside is refused before anything is read or written.
/// </summary>
internal static class PathOptionChecks
{
    public static IEnumerable<string> Problems(StepOptions options, IEnumerable<PropertyInfo> properties, PathRoots roots)
    {
        foreach (var property in properties.Where(p => p.GetCustomAttribute<PathOptionAttribute>() is not null))
        {
            var values = property.GetValue(options) switch
            {
                string one when one.Length > 0 => [one],
                string[] many => many,
                _ => [],
            };
            foreach (var value in values)
            {
                if (roots.Problem(value) is { } problem)
                {
                    yield return $"--{OptionNames.Kebab(property.Name)} {problem}";
                }
            }
        }
    }
}
