using System.Text.Json;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Steps.Contract;

namespace Pipeline.Orchestrator.Designer;

/// <summary>
/// Which options of a step program name paths, from its <c>--describe</c> (<c>"path": true</c>). A program that cannot
/// be asked (not built here, no image) still has the options every step shares (<c>--output</c>, <c>--state-dir</c>,
/// <c>--config</c>); the program checks the rest itself when it starts.
/// </summary>
public sealed class DescribedPathOptions(StepDescriptions descriptions) : IStepPathOptions
{
    public async Task<ProgramPathOptions> ForAsync(string program, CancellationToken cancellationToken)
    {
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        var environment = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            [OptionNames.Environment(program, "Config")] = false,
        };
        foreach (var shared in StepOptionsLoader.PathProperties(typeof(StepOptions)))
        {
            flags["--" + OptionNames.Kebab(shared.Name)] = false;
            environment[OptionNames.Environment(program, shared.Name)] = false;
        }

        var described = await descriptions.DescribeAsync(program, cancellationToken);
        if (described.Description is { } json && json.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in options.EnumerateArray().Where(o => o.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.True))
            {
                // A list option's type reads "text,...": it takes comma-separated values, each a path.
                var isList = option.TryGetProperty("type", out var type) && type.GetString()?.EndsWith(",...", StringComparison.Ordinal) == true;
                flags[option.GetProperty("name").GetString()!] = isList;
                if (option.TryGetProperty("environment", out var variable) && variable.GetString() is { } name)
                {
                    environment[name] = isList;
                }
            }
        }

        return new ProgramPathOptions(flags, environment);
    }
}
