using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Engine.Execution;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Keeps <c>path</c> inputs inside the folders the server lets runs read: the data root, where steps start, and
/// <c>Engine:InputRoots</c>. Checked on the real path, symbolic links followed, so neither <c>..</c> nor a link in
/// a data folder leads out. A glob is checked by the folder before its first wildcard; http(s) URLs are not paths
/// (other URL schemes and '..', also URL-encoded, are refused by <see cref="InputValues.PathProblem"/>).
/// </summary>
public static class InputConfinement
{
    /// <summary>A problem per <c>path</c> input that leads outside the roots (paths <c>$.inputs.&lt;name&gt;</c>).</summary>
    public static IReadOnlyList<DefinitionProblem> Check(WorkflowDefinition definition, IReadOnlyDictionary<string, string> inputs, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var inputBase = Path.GetFullPath(options.InputBase ?? Directory.GetCurrentDirectory());
        var roots = new[] { options.DataRoot, inputBase }.Concat(options.InputRoots)
            .Select(r => RealPath.Of(Path.GetFullPath(r, inputBase)))
            .ToList();
        var problems = new List<DefinitionProblem>();
        foreach (var (name, input) in definition.Inputs.Where(i => i.Value.Type == InputTypes.Path))
        {
            if (!inputs.TryGetValue(name, out var value) || InputValues.IsUrl(value))
            {
                continue;
            }

            var real = RealPath.Of(Path.GetFullPath(BeforeWildcard(value), inputBase));
            if (!roots.Any(root => IsWithin(real, root)))
            {
                problems.Add(new($"$.inputs.{name}", $"input '{name}': '{value}' leads to {real}, outside the folders runs may read ({string.Join(", ", roots)}; Engine:InputRoots adds more)"));
            }
        }

        return problems;
    }

    private static string BeforeWildcard(string path)
    {
        var wildcard = path.IndexOfAny(['*', '?', '[']);
        return wildcard < 0 ? path : path[..(path.LastIndexOf('/', wildcard) + 1)] is { Length: > 0 } folder ? folder : ".";
    }

    private static bool IsWithin(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal) || root == "/";
}
