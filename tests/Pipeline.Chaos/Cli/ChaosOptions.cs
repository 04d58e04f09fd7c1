using System.Globalization;
using Pipeline.Chaos.Scenarios;

namespace Pipeline.Chaos.Cli;

/// <summary>The command line: --short|--long, --scenario a,b, --no-fail, --json file, --server-dll, --seed, --keep.</summary>
internal sealed record ChaosOptions
{
    public bool Long { get; init; }

    /// <summary>Those named with --scenario; otherwise every scenario of the form (some run in the long form only).</summary>
    public IReadOnlyList<IScenario> Scenarios
    {
        get => _named ?? [.. ScenarioCatalog.All.Where(s => Long || s.InShortForm)];
        init => _named = value;
    }

    private readonly IReadOnlyList<IScenario>? _named;

    public bool NoFail { get; init; }

    public string? JsonPath { get; init; }

    public string? ServerDll { get; init; }

    public int Seed { get; init; } = Environment.TickCount & 0xFFFF;

    public bool Keep { get; init; }

    public bool Help { get; init; }

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--short" => options with { Long = false },
                "--long" => options with { Long = true },
                "--no-fail" => options with { NoFail = true },
                "--keep" => options with { Keep = true },
                "--help" or "-h" => options with { Help = true },
                "--json" => options with { JsonPath = Value(args, ref i) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(Value(args, ref i)) },
                "--seed" => options with { Seed = int.TryParse(Value(args, ref i), CultureInfo.InvariantCulture, out var seed) ? seed : throw new UsageException("--seed takes a number") },
                "--scenario" => options with { Scenarios = Select(Value(args, ref i)) },
                _ => throw new UsageException($"unknown argument '{args[i]}'"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count && !args[i].StartsWith("--", StringComparison.Ordinal) ? args[i] : throw new UsageException($"{args[i - 1]} takes a value");

    private static List<IScenario> Select(string names)
    {
        var selected = new List<IScenario>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            selected.Add(ScenarioCatalog.All.FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"no scenario '{name}'; there are: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}"));
        }

        return selected;
    }
}
