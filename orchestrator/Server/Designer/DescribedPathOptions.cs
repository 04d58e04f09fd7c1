using System.Text.Json;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Runtime;

namespace Pipeline.Orchestrator.Designer;

/// <summary>
/// Which options of a step program name paths, from its <c>--describe</c> (<c>"path": "read"</c>, <c>"writeInto"</c>
/// or <c>"replace"</c>). A program that cannot be asked (not built here, no image) still has the options every step
/// shares (<c>--output</c>, <c>--state-dir</c>, <c>--config</c>); the program checks the rest itself when it starts.
/// </summary>
public sealed class DescribedPathOptions(StepDescriptions descriptions) : IStepPathOptions
{
    public async Task<ProgramPathOptions> ForAsync(string program, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, PathOption>(StringComparer.Ordinal);
        var environment = new Dictionary<string, PathOption>(StringComparer.Ordinal)
        {
            [OptionNames.Environment(program, "Config")] = new(PathAccess.Read, IsList: false),
        };
        foreach (var shared in StepOptionsLoader.PathProperties(typeof(StepOptions)))
        {
            var option = new PathOption(StepOptionsLoader.PathAccessOf(shared), IsList: false);
            flags["--" + OptionNames.Kebab(shared.Name)] = option;
            environment[OptionNames.Environment(program, shared.Name)] = option;
        }

        var described = await descriptions.DescribeAsync(program, cancellationToken);
        if (described.Description is { } json && json.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray())
            {
                if (!option.TryGetProperty("path", out var path) || path.ValueKind != JsonValueKind.String
                    || !Enum.TryParse<PathAccess>(path.GetString(), ignoreCase: true, out var access))
                {
                    continue;
                }

                // A list option's type reads "text,...": it takes comma-separated values, each a path.
                var isList = option.TryGetProperty("type", out var type) && type.GetString()?.EndsWith(",...", StringComparison.Ordinal) == true;
                flags[option.GetProperty("name").GetString()!] = new PathOption(access, isList);
                if (option.TryGetProperty("environment", out var variable) && variable.GetString() is { } name)
                {
                    environment[name] = new PathOption(access, isList);
                }
            }
        }

        return new ProgramPathOptions(flags, environment);
    }
}
