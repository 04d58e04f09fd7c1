using Pipeline.Steps.Confinement;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Marks an option whose value is a path (or a list of paths, globs or URLs), and what the step does there:
/// <c>--describe</c> says so, the server checks such values in a definition against the folders runs may use, and a
/// step started by the server (<c>PIPELINE_PATH_ROOTS</c> set) refuses a value that leads outside them.
/// </summary>
/// <param name="access">Read (the default), write into, or replace whole.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PathOptionAttribute(PathAccess access = PathAccess.Read) : Attribute
{
    public PathAccess Access { get; } = access;
}
