using System.Globalization;

namespace Pipeline.Orchestrator.ProcessRunner;

/// <summary>
/// A process's descendants, read from <c>/proc</c>: a step's shell may start children that would otherwise outlive a
/// stop (and hold its output pipes open), so a stop signals all of them.
/// </summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int processId)
    {
        var found = new List<int>();
        var frontier = new Queue<int>([processId]);
        while (frontier.TryDequeue(out var parent) && found.Count < 10_000)
        {
            foreach (var child in Children(parent))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    private static List<int> Children(int processId)
    {
        var tasks = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                children.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while we looked: it has no children any more.
        }

        return children;
    }
}
