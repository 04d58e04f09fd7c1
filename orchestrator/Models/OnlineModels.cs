using System.Collections.Concurrent;
using Pipeline.Steps.Formats;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// The loaded models, each version loaded once and kept. Which version is production is read from the registry's
/// pointer on every request (a small file), so a promotion — through the API, or by a training run on any server —
/// takes effect at the next request without a restart; the new version is loaded then (or ahead of time by
/// <see cref="Warm"/> when promoted through this server), while requests already scoring finish on the old one.
/// </summary>
public sealed class OnlineModels(ModelRegistries registries)
{
    // Versions kept loaded at most; older ones are dropped (a later request loads them again).
    private const int MaxLoaded = 8;

    private readonly ConcurrentDictionary<(string Root, int Version), Lazy<OnlineModel>> _loaded = new();

    /// <summary>The requested version, else the production one; null when the model has no production version.</summary>
    public OnlineModel? Get(string name, int? version)
    {
        var registry = registries.Find(name) ?? throw StepException.MissingInput($"no model '{name}'; known: {string.Join(", ", registries.Names)}");
        var wanted = version ?? registry.Production()?.Version;
        if (wanted is not { } chosen)
        {
            return null;
        }

        if (_loaded.Count >= MaxLoaded && !_loaded.ContainsKey((registry.Root, chosen)))
        {
            _loaded.Clear();
        }

        var lazy = _loaded.GetOrAdd((registry.Root, chosen), key => new Lazy<OnlineModel>(() => OnlineModel.Load(registry, key.Version)));
        try
        {
            return lazy.Value;
        }
        catch (StepException)
        {
            // A version that failed to load is not kept: a fixed file loads at the next request.
            _loaded.TryRemove(new KeyValuePair<(string, int), Lazy<OnlineModel>>((registry.Root, chosen), lazy));
            throw;
        }
    }

    /// <summary>Loads a version before requests need it (after a promotion); a failure is left for the requests to report.</summary>
    public void Warm(string name, int version)
    {
        try
        {
            Get(name, version);
        }
        catch (StepException)
        {
        }
    }
}
