namespace Pipeline.Chaos.Harness;

/// <summary>
/// What must be undone however the suite ends (servers, PostgreSQL, a stopped database, mounts, proxies): each
/// resource registers its undo when it is made and removes it when disposed normally; whatever is left runs here,
/// newest first, from the main finally block or, failing that, from ProcessExit.
/// </summary>
internal static class CleanupRegistry
{
    private static readonly Lock Gate = new();
    private static readonly List<Entry> Entries = [];

    public static IDisposable Register(string what, Func<Task> undo)
    {
        var entry = new Entry(what, undo);
        lock (Gate)
        {
            Entries.Add(entry);
        }

        return new Handle(entry);
    }

    public static async Task RunAllAsync()
    {
        List<Entry> left;
        lock (Gate)
        {
            left = [.. Entries];
            Entries.Clear();
        }

        for (var i = left.Count - 1; i >= 0; i--)
        {
            try
            {
                // One stuck undo must not keep the others from running.
                await left[i].Undo().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await Console.Error.WriteLineAsync($"cleanup: {left[i].What}: {e.Message}");
            }
        }
    }

    private static void Remove(Entry entry)
    {
        lock (Gate)
        {
            Entries.Remove(entry);
        }
    }

    private sealed record Entry(string What, Func<Task> Undo);

    private sealed class Handle(Entry entry) : IDisposable
    {
        public void Dispose() => Remove(entry);
    }
}
