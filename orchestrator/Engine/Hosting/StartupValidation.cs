using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>
/// Runs the start-up checks of every module's settings (<c>ValidateOnStart</c>) as soon as the host is built, so a
/// bad setting is one error naming its key, before anything is started or served.
/// </summary>
public static class StartupValidation
{
    /// <exception cref="InvalidOperationException">A setting is wrong; the message starts with <c>configuration:</c>.</exception>
    public static void Run(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException e)
        {
            throw Refused(e.Failures, e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            throw Refused(e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures), e);
        }
    }

    private static InvalidOperationException Refused(IEnumerable<string> failures, Exception inner) =>
        new("configuration: " + string.Join("; ", failures), inner);
}
