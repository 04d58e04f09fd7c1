using System.Text.Json;
using Pipeline.Orchestrator.Engine.Launching;
using Pipeline.Steps.Runtime;

namespace Pipeline.Orchestrator.Designer;

/// <summary>
/// Which options of a step program are required, from its <c>--describe</c> (<c>"required": true</c>, with the
/// variable that also sets the option). A program that cannot be asked is not checked here: it checks its options
/// itself when it starts.
/// </summary>
public sealed class DescribedRequiredOptions(StepDescriptions descriptions) : IStepRequiredOptions
{
    public async Task<ProgramRequiredOptions?> ForAsync(string program, CancellationToken cancellationToken)
    {
        var described = await descriptions.DescribeAsync(program, cancellationToken);
        if (described.Description is not { } json || !json.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var required = new List<RequiredOption>();
        foreach (var option in options.EnumerateArray())
        {
            if (option.TryGetProperty("required", out var flag) && flag.ValueKind == JsonValueKind.True
                && option.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } flagName)
            {
                var variable = option.TryGetProperty("environment", out var environment) ? environment.GetString() : null;
                required.Add(new RequiredOption(flagName, variable));
            }
        }

        return new ProgramRequiredOptions(required, OptionNames.Environment(program, "Config"));
    }
}
