using System.Globalization;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Execution;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Keeps the path options of program steps (<c>--input</c>, <c>--output</c>, <c>--registry</c>, <c>--config</c>...,
/// as each program's <c>--describe</c> marks them) inside the folders of <see cref="RunPaths"/>, as <c>path</c> inputs
/// are: in the arguments and in the environment variables that set the same options. At publish the literal values
/// are checked (a templated one is not known yet); at launch every rendered value is. The step programs check
/// again once their options are bound, which also covers a <c>--config</c> file's contents.
/// </summary>
public sealed class ArgumentConfinement(IStepPathOptions pathOptions, EngineOptions options)
{
    /// <summary>A problem per literal path value of a program step that leads outside (<c>$.steps[0].args[3]</c>).</summary>
    public async Task<IReadOnlyList<DefinitionProblem>> CheckAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DefinitionProblem>();
        for (var i = 0; i < (definition.Steps?.Count ?? 0); i++)
        {
            if (definition.Steps![i] is { Program: { } program } step)
            {
                problems.AddRange(await ProblemsAsync(i, program, step.Args ?? [], step.Env ?? new Dictionary<string, string>(), literalOnly: true, cancellationToken));
            }
        }

        return problems;
    }

    /// <summary>The same for one step's rendered arguments and environment, just before its run is created.</summary>
    public Task<IReadOnlyList<DefinitionProblem>> CheckRenderedAsync(int stepIndex, string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken) =>
        ProblemsAsync(stepIndex, program, args, env, literalOnly: false, cancellationToken);

    /// <summary>
    /// The paths a program step will write (options its <c>--describe</c> marks as written into or replaced whole),
    /// from its rendered arguments and environment: what a runner whose steps run as another user must prepare.
    /// </summary>
    public async Task<IReadOnlyList<(string Path, Steps.Confinement.PathAccess Access)>> WrittenPathsAsync(
        string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken)
    {
        var values = PathValues(args, env, literalOnly: false).ToList();
        if (values.Count == 0)
        {
            return [];
        }

        var known = await pathOptions.ForAsync(program, cancellationToken);
        return [.. values
            .Select(v => (v.Value, Option: known.Find(v.Option)))
            .Where(v => v.Option is { Access: not Steps.Confinement.PathAccess.Read })
            .SelectMany(v => (v.Option!.IsList ? v.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [v.Value])
                .Select(path => (path, v.Option.Access)))];
    }

    private async Task<IReadOnlyList<DefinitionProblem>> ProblemsAsync(
        int stepIndex, string program, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, bool literalOnly, CancellationToken cancellationToken)
    {
        var values = PathValues(args, env, literalOnly).ToList();
        if (values.Count == 0)
        {
            return [];
        }

        var known = await pathOptions.ForAsync(program, cancellationToken);
        var paths = RunPaths.For(options);
        var problems = new List<DefinitionProblem>();
        foreach (var (where, option, value) in values)
        {
            if (known.Find(option) is not { } path)
            {
                continue;
            }

            foreach (var item in path.IsList ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [value])
            {
                if (paths.Problem(item, path.Access) is { } problem)
                {
                    problems.Add(new(string.Create(CultureInfo.InvariantCulture, $"$.steps[{stepIndex}].{where}"), $"{option}: {problem}"));
                }
            }
        }

        return problems;
    }

    /// <summary>
    /// Every value an option could take (<c>--name value</c>, <c>--name=value</c>, an environment variable), with
    /// where it is written; which of them are paths is the program's to say.
    /// </summary>
    private static IEnumerable<(string Where, string Option, string Value)> PathValues(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, bool literalOnly)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var (flag, value, at) = equals > 0 ? (arg[..equals], arg[(equals + 1)..], i) : (arg, i + 1 < args.Count ? args[i + 1] : null, i + 1);
            // An empty argument is the definition's own problem (WorkflowValidator): said once, not twice.
            var emptyArgument = equals < 0 && value is { Length: 0 };
            if (value is not null && !(literalOnly && (IsTemplated(value) || emptyArgument)))
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"args[{at}]"), flag, value);
            }
        }

        foreach (var (name, value) in env)
        {
            if (!(literalOnly && IsTemplated(value)))
            {
                yield return ($"env.{name}", name, value);
            }
        }
    }

    private static bool IsTemplated(string value) => value.Contains("${{", StringComparison.Ordinal);
}
