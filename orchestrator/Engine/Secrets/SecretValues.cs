namespace Pipeline.Orchestrator.Engine.Secrets;

/// <summary>
/// The secrets one attempt uses, by name, and what hides them: <see cref="Redact"/> for messages and
/// <see cref="Redacting"/> for the log streams. Its <see cref="ToString"/> names the secrets, never their values,
/// so a record that carries it (<c>StepLaunch</c>) prints safely.
/// </summary>
public sealed class SecretValues
{
    /// <summary>What a secret's value is replaced with in logs and messages.</summary>
    public const string Mask = "***";

    private readonly Dictionary<string, string> _values;

    public SecretValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        // Longest first, so a secret that contains another is hidden whole.
        Hidden = [.. _values.Values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    public static SecretValues None { get; } = new(new Dictionary<string, string>());

    /// <summary>The non-empty values, longest first.</summary>
    public IReadOnlyList<string> Hidden { get; }

    /// <summary>The value of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">It was not resolved for this attempt.</exception>
    public string this[string name] => _values.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"secret '{name}' was not resolved for this attempt");

    /// <summary><paramref name="text"/> with every value replaced by <see cref="Mask"/>.</summary>
    public string? Redact(string? text)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var value in Hidden)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>A stream that writes to <paramref name="inner"/> with the values replaced (itself when there are none).</summary>
    public Stream Redacting(Stream inner) => Hidden.Count == 0 ? inner : new RedactingStream(inner, Hidden);

    public override string ToString() => $"secrets: {string.Join(", ", _values.Keys.Order(StringComparer.Ordinal))}";
}
