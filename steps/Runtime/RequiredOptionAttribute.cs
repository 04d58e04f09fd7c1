
namespace Pipeline.Steps.Runtime;

/// <summary>
/// Marks a text option that must be given: <see cref="StepOptions.Validate"/> reports <c>--name is required</c> when
/// it is blank, so each step states the requirement on the property instead of repeating the check.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredOptionAttribute : Attribute;
