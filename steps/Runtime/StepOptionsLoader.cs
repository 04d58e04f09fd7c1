using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Binds a step's options from, in increasing precedence: the JSON file named by <c>--config</c> (or
/// <c>STEP_CONFIG</c>), environment variables, and the command line. Microsoft.Extensions.Configuration does the
/// layering, <see cref="OptionBinder"/> the type conversion; this class maps the spellings and rejects what it does
/// not know.
/// </summary>
public static class StepOptionsLoader
{
    /// <summary>The result of reading the command line: the options, or a request for help (text) or a description (JSON).</summary>
    public sealed record Result<T>(T Options, bool HelpRequested, bool DescribeRequested = false);

    public static Result<T> Load<[DynamicallyAccessedMembers(StepOptions.Members)] T>(string stepName, IReadOnlyList<string> args, IDictionary environment)
        where T : StepOptions, new()
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var properties = OptionProperties<T>();
        var byKebab = properties.ToDictionary(p => OptionNames.Kebab(p.Name), StringComparer.Ordinal);

        var commandLine = ParseCommandLine(args, byKebab, out var configFile, out var help, out var describe);
        if (help || describe)
        {
            return new Result<T>(new T(), help, describe);
        }

        configFile ??= environment[OptionNames.Environment(stepName, "Config")] as string;
        var paths = StepConfinement.From(environment).Paths;
        if (!string.IsNullOrEmpty(configFile) && paths?.Problem(configFile, PathAccess.Read, glob: false) is { } configProblem)
        {
            throw StepException.BadOption($"--config {configProblem}");
        }

        var builder = new ConfigurationBuilder();
        if (!string.IsNullOrEmpty(configFile))
        {
            if (!File.Exists(configFile))
            {
                throw StepException.MissingInput($"config file not found: {configFile}", new SourceLocation(configFile));
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        builder.AddInMemoryCollection(FromEnvironment(stepName, properties, environment));
        builder.AddInMemoryCollection(commandLine);

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new StepException(StepExitCodes.Usage, $"config file is not valid JSON: {e.Message}", new SourceLocation(configFile!));
        }

        var options = new T();
        OptionBinder.Bind(configuration, options, properties);

        if (string.IsNullOrEmpty(options.StateDir) && environment[StateFolder.EnvironmentVariable] is string { Length: > 0 } serverState)
        {
            // A server run: the state folder the server keeps for this workflow's step, checked as if given.
            options.StateDir = serverState;
        }

        var problems = options.Validate().ToList();
        if (paths is not null)
        {
            problems.AddRange(PathOptionChecks.Problems(options, stepName, properties, paths));
        }

        if (problems.Count > 0)
        {
            throw StepException.BadOption(string.Join("; ", problems));
        }

        return new Result<T>(options, false);
    }

    /// <summary>The properties that are options: public, settable, of a type the binder converts.</summary>
    internal static IReadOnlyList<PropertyInfo> OptionProperties<[DynamicallyAccessedMembers(StepOptions.Members)] T>() => OptionProperties(typeof(T));

    /// <summary>The properties of <paramref name="optionsType"/> that are options.</summary>
    internal static IReadOnlyList<PropertyInfo> OptionProperties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
            .OrderBy(p => p.DeclaringType == typeof(StepOptions) ? 1 : 0)
            .ToList();

    /// <summary>The options of <paramref name="optionsType"/> that name paths (<see cref="PathOptionAttribute"/>).</summary>
    public static IEnumerable<PropertyInfo> PathProperties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<PathOptionAttribute>() is not null);
    }

    /// <summary>What the step does at the path an option names.</summary>
    public static PathAccess PathAccessOf(PropertyInfo property) =>
        property?.GetCustomAttribute<PathOptionAttribute>()?.Access ?? throw new ArgumentException("not a path option", nameof(property));

    private static bool IsList(PropertyInfo property) => OptionBinder.IsList(property.PropertyType);

    private static bool IsFlag(PropertyInfo property) => property.PropertyType == typeof(bool);

    private static Dictionary<string, string?> ParseCommandLine(
        IReadOnlyList<string> args, Dictionary<string, PropertyInfo> byKebab, out string? configFile, out bool help, out bool describe)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var listCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        configFile = null;
        help = false;
        describe = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?")
            {
                help = true;
                return values;
            }

            if (arg == "--describe")
            {
                describe = true;
                return values;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw StepException.BadOption($"unexpected argument '{arg}': options have the form --name value (see --help)");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            string? inline = equals > 0 ? arg[(equals + 1)..] : null;

            if (name == "config")
            {
                configFile = inline ?? TakeValue(args, ref i, name);
                continue;
            }

            if (!byKebab.TryGetValue(name, out var property))
            {
                throw StepException.BadOption($"unknown option --{name} (see --help)");
            }

            if (property.GetCustomAttribute<SecretOptionAttribute>() is not null)
            {
                throw StepException.BadOption(
                    $"--{name} holds a secret and is not accepted on the command line, where the process list shows it; set it through the environment or the --config file");
            }

            if (IsFlag(property))
            {
                values[property.Name] = inline ?? "true";
                continue;
            }

            var value = inline ?? TakeValue(args, ref i, name);
            if (IsList(property))
            {
                foreach (var item in SplitList(value))
                {
                    var index = listCounts.GetValueOrDefault(property.Name);
                    values[$"{property.Name}:{index}"] = item;
                    listCounts[property.Name] = index + 1;
                }
            }
            else
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    private static Dictionary<string, string?> FromEnvironment(
        string stepName, IEnumerable<PropertyInfo> properties, IDictionary environment)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in properties)
        {
            if (environment[OptionNames.Environment(stepName, property.Name)] is not string value)
            {
                continue;
            }

            if (IsList(property))
            {
                var index = 0;
                foreach (var item in SplitList(value))
                {
                    values[$"{property.Name}:{index++}"] = item;
                }
            }
            else
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    /// <summary>Lists are given by repeating an option or as one comma-separated value.</summary>
    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
        {
            throw StepException.BadOption($"option --{name} needs a value");
        }

        return args[++i];
    }
}
