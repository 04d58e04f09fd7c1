namespace Pipeline.Steps.Contract;

/// <summary>
/// Marks an option whose value is a path (or a list of paths, globs or URLs): <c>--describe</c> says so, the server
/// checks such values in a definition against the folders runs may use, and a step started by the server
/// (<c>PIPELINE_PATH_ROOTS</c> set) refuses a value that leads outside them.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PathOptionAttribute : Attribute;
