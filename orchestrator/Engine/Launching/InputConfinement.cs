using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Definitions.Inputs;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Confinement;

namespace Pipeline.Orchestrator.Engine.Launching;

/// <summary>
/// Keeps <c>path</c> inputs where runs may reach: a path inside the folders of <see cref="RunPaths"/>, checked on the
/// real path, symbolic links followed, so neither <c>..</c> nor a link in a data folder leads out (a glob is checked
/// by the folder before its first wildcard); an http(s) URL to a public address only, unless
/// <see cref="EngineOptions.AllowPrivateUrls"/>, so a run cannot be made to fetch from services inside the server's
/// network. The steps check the address again where they connect, redirects included: a name may resolve differently then.
/// </summary>
public static class InputConfinement
{
    /// <summary>How long a URL input's host name may take to resolve before the run is created anyway (the step checks again).</summary>
    private static readonly TimeSpan ResolveLimit = TimeSpan.FromSeconds(5);

    /// <summary>A problem per <c>path</c> input that leads outside (paths <c>$.inputs.&lt;name&gt;</c>).</summary>
    /// <param name="definition">The workflow.</param>
    /// <param name="inputs">The run's inputs, defaults applied.</param>
    /// <param name="options">The engine's settings.</param>
    /// <param name="urlChecks">What each URL was found to be, kept across the runs of one request (a backfill's days
    /// share their inputs: each URL is resolved once).</param>
    /// <param name="cancellationToken">Ends the checks.</param>
    public static async Task<IReadOnlyList<DefinitionProblem>> CheckAsync(
        WorkflowDefinition definition, IReadOnlyDictionary<string, string> inputs, EngineOptions options, Dictionary<string, string?>? urlChecks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var paths = RunPaths.For(options);
        var problems = new List<DefinitionProblem>();
        foreach (var (name, _) in definition.Inputs.Where(i => i.Value.Type == InputTypes.Path))
        {
            if (!inputs.TryGetValue(name, out var value))
            {
                continue;
            }

            string? problem;
            if (InputValues.IsUrl(value))
            {
                if (urlChecks is null || !urlChecks.TryGetValue(value, out problem))
                {
                    problem = await UrlProblemAsync(value, options, cancellationToken);
                    urlChecks?.Add(value, problem);
                }
            }
            else
            {
                problem = paths.Problem(value, PathAccess.Read);
            }

            if (problem is not null)
            {
                problems.Add(new($"$.inputs.{name}", $"input '{name}': {problem}"));
            }
        }

        return problems;
    }

    private static async Task<string?> UrlProblemAsync(string value, EngineOptions options, CancellationToken cancellationToken)
    {
        if (options.AllowPrivateUrls || !Uri.TryCreate(value, UriKind.Absolute, out var url))
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ResolveLimit);
        try
        {
            await PublicAddresses.ResolveAsync(url.IdnHost, EngineOptions.AllowPrivateUrlsSetting, limit.Token);
            return null;
        }
        catch (PrivateAddressException e)
        {
            return $"'{value}' is refused: {e.Message}";
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The name service failed or is slow: not the caller's fault; the step checks the address where it connects.
            return null;
        }
    }
}
