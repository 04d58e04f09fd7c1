using System.Globalization;

namespace Pipeline.Benchmarks.Cli;

/// <summary>
/// <c>--name value</c> options and <c>--flag</c> switches of one command. Every option must be read (or listed as
/// known) before <see cref="EnsureAllUsed"/>, so a misspelt option fails instead of being ignored.
/// </summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CommandArguments(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            if (!flags.Contains(name))
            {
                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"--{name} needs a value");
                }

                value = args[++i];
            }

            if (!_values.TryAdd(name, value))
            {
                throw new UsageException($"--{name} given twice");
            }
        }
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _used.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new UsageException($"--{name} is required");

    public long? Int64(string name, long min)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        var number = ParseNumber(text, name);
        return number >= min ? number : throw new UsageException($"--{name} must be at least {min}, got {text}");
    }

    public int? Int32(string name, int min)
    {
        var value = Int64(name, min);
        return value is null ? null
            : value <= int.MaxValue ? (int)value.Value
            : throw new UsageException($"--{name} is too large: {value}");
    }

    public DateTime? Date(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss"];
        return DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--{name} must be a date like 2024-01-01 or 2024-01-01T06:00:00, got '{text}'");
    }

    /// <summary>Fails on any option the command did not ask for.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }

    // Accepts 1000000, 1_000_000 and 1e6 / 20M style shorthands because row counts are long to type.
    private static long ParseNumber(string text, string name)
    {
        var cleaned = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        var multiplier = 1L;
        if (cleaned.Length > 1 && char.ToUpperInvariant(cleaned[^1]) is 'K' or 'M')
        {
            multiplier = char.ToUpperInvariant(cleaned[^1]) == 'K' ? 1_000 : 1_000_000;
            cleaned = cleaned[..^1];
        }

        if (long.TryParse(cleaned, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return checked(whole * multiplier);
        }

        if (double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && real == Math.Floor(real) && Math.Abs(real * multiplier) < long.MaxValue)
        {
            return (long)(real * multiplier);
        }

        throw new UsageException($"--{name} must be a whole number, got '{text}'");
    }
}
