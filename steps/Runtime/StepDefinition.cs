
namespace Pipeline.Steps.Runtime;

/// <summary>Identifies a step program: its kebab-case name (also the environment-variable prefix), version and purpose.</summary>
public sealed record StepDefinition(string Name, string Version, string Description)
{
    /// <summary>Builds the definition with the version of the assembly that holds <typeparamref name="TProgram"/>.</summary>
    public static StepDefinition For<TProgram>(string name, string description) =>
        new(name, typeof(TProgram).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", description);
}
