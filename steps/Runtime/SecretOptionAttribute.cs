
namespace Pipeline.Steps.Runtime;

/// <summary>
/// Marks an option that holds a secret (a connection string with a password): it is refused on the command line,
/// where any user can read it from the process list, and is set through the environment or the config file only.
/// Pair it with <c>[JsonIgnore]</c> so the manifest's parameters never record it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretOptionAttribute : Attribute;
