using System.Globalization;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Refuses a program step that leaves out an option its program requires (<c>--registry</c> of cluster-predict):
/// such a step would only fail at its attempt, with exit code 64, after every step before it had run. An option is
/// given by <c>--name value</c>, <c>--name=value</c> or its environment variable; a step naming a <c>--config</c> file
/// is left to the program, which reads the file.
/// </summary>
public sealed class RequiredOptionCheck(IStepRequiredOptions requiredOptions)
{
    /// <summary>A problem per missing option (<c>$.steps[0].args</c>) and per required flag left without its value (<c>$.steps[0].args[4]</c>).</summary>
    public async Task<IReadOnlyList<DefinitionProblem>> CheckAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DefinitionProblem>();
        for (var i = 0; i < (definition.Steps?.Count ?? 0); i++)
        {
            if (definition.Steps![i] is { Program: { } program } step
                && StepPrograms.All.Contains(program)
                && await requiredOptions.ForAsync(program, cancellationToken) is { } required)
            {
                problems.AddRange(Problems(i, program, required, step.Args ?? [], step.Env ?? new Dictionary<string, string>()));
            }
        }

        return problems;
    }

    /// <summary>The problems of one program step's arguments and environment against its program's required options.</summary>
    public static IEnumerable<DefinitionProblem> Problems(
        int stepIndex, string program, ProgramRequiredOptions required, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(env);
        var argsPath = string.Create(CultureInfo.InvariantCulture, $"$.steps[{stepIndex}].args");
        if (IndexOfFlag(args, ProgramPathOptions.ConfigFlag) >= 0 || IsSet(env, required.ConfigEnvironmentName))
        {
            yield break;
        }

        foreach (var option in required.Options)
        {
            var at = IndexOfFlag(args, option.Flag);
            if (at < 0)
            {
                if (option.EnvironmentName is null || !IsSet(env, option.EnvironmentName))
                {
                    var orVariable = option.EnvironmentName is null ? "" : $", or set {option.EnvironmentName} in the environment";
                    yield return new(argsPath, $"{option.Flag} is required: {program} cannot start without it (add {option.Flag} and its value to the arguments{orVariable})");
                }
            }
            else if (args[at] == option.Flag && at + 1 >= args.Count)
            {
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{argsPath}[{at}]"), $"{option.Flag} is required and needs a value: add the value as the next argument");
            }
            else if (args[at].Length == option.Flag.Length + 1)
            {
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{argsPath}[{at}]"), $"{option.Flag} is required and needs a value after '='");
            }
        }
    }

    /// <summary>Where <paramref name="flag"/> is given, as <c>--flag</c> or <c>--flag=value</c>; -1 when it is not.</summary>
    private static int IndexOfFlag(IReadOnlyList<string> args, string flag)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is not null && (arg == flag || (arg.StartsWith(flag, StringComparison.Ordinal) && arg.Length > flag.Length && arg[flag.Length] == '=')))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSet(IReadOnlyDictionary<string, string> env, string name) =>
        env.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value);
}
