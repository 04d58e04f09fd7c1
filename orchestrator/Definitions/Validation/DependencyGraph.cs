namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>
/// The steps' dependencies by id (unknown ids and self-dependencies left out), and what is upstream of each step.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly Dictionary<string, HashSet<string>> upstream = new(StringComparer.Ordinal);

    public DependencyGraph(IReadOnlyDictionary<string, IReadOnlyList<string>> dependencies)
    {
        Dependencies = dependencies;
    }

    /// <summary>Direct dependencies by step id (the first step with an id, when ids repeat).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies { get; }

    /// <summary>Whether <paramref name="candidate"/> is a direct or transitive dependency of <paramref name="step"/>.</summary>
    public bool IsUpstream(string candidate, string step)
    {
        if (!upstream.TryGetValue(step, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([step]);
            while (pending.TryPop(out var current))
            {
                // The visited set also ends the walk around a cycle, which is reported elsewhere.
                foreach (var dependency in Dependencies.GetValueOrDefault(current) ?? [])
                {
                    if (set.Add(dependency))
                    {
                        pending.Push(dependency);
                    }
                }
            }

            upstream[step] = set;
        }

        return set.Contains(candidate);
    }

    /// <summary>Every cycle, each once, as the list of step ids along it starting and ending with the same id.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyList<string> order)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        foreach (var id in order)
        {
            Visit(id, state, path, cycles);
        }

        return cycles;
    }

    private void Visit(string id, Dictionary<string, bool> state, List<string> path, List<IReadOnlyList<string>> cycles)
    {
        if (state.TryGetValue(id, out var done))
        {
            if (!done)
            {
                var start = path.IndexOf(id);
                cycles.Add([.. path.Skip(start), id]);
            }

            return;
        }

        state[id] = false;
        path.Add(id);
        foreach (var dependency in Dependencies.GetValueOrDefault(id) ?? [])
        {
            Visit(dependency, state, path, cycles);
        }

        path.RemoveAt(path.Count - 1);
        state[id] = true;
    }
}
