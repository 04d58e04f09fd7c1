using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>How each module registers its settings: bound from their section and validated on start.</summary>
public static class CheckedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, checks it (<see cref="ICheckedOptions.Problems"/>)
    /// when the host starts, or only when first used without <paramref name="checkAtStart"/> (settings some hosts
    /// never use), and registers the checked value itself for the classes that take it.
    /// </summary>
    public static IServiceCollection AddCheckedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section, bool checkAtStart = true)
        where TOptions : class, ICheckedOptions
    {
        var options = services.AddOptions<TOptions>().Bind(configuration.GetSection(section));
        if (checkAtStart)
        {
            options.ValidateOnStart();
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ProblemsValidator<TOptions>>());
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<TOptions>>().Value);
        return services;
    }

    private sealed class ProblemsValidator<TOptions> : IValidateOptions<TOptions>
        where TOptions : class, ICheckedOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
