namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>Each step on its own: id, what it runs, arguments and environment, retry and limits.</summary>
internal static class StepChecks
{
    private const int MaxRetries = 20;

    // Upper bounds keep every delay and timeout a valid TimeSpan and timer: a "no limit" written as 1e18 would
    // otherwise break the engine when the step fails, not when the definition is saved.
    private const double MaxDelaySeconds = 86_400;
    private const double MaxTimeoutSeconds = 7 * 86_400;
    private const double MaxBackoffMultiplier = 10;

    public static void Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var stepsPath = JsonPaths.Property(JsonPaths.Root, "steps");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var path = JsonPaths.Index(stepsPath, i);
            var step = definition.Steps[i];
            if (step is null)
            {
                problems.Add(new(path, "a step must be an object, not null"));
                continue;
            }

            var idPath = JsonPaths.Property(path, "id");
            if (!Identifiers.IsId(step.Id))
            {
                problems.Add(new(idPath, $"'{step.Id}' is not a valid step id: {Identifiers.IdRule}"));
            }
            else if (!seen.TryAdd(step.Id, i))
            {
                problems.Add(new(idPath, $"duplicate step id '{step.Id}' (also steps[{seen[step.Id]}])"));
            }

            CheckRunnable(step, path, problems);
            CheckArgs(step, path, problems);
            CheckLimits(step, path, problems);
        }
    }

    private static void CheckRunnable(StepDefinition step, string path, List<DefinitionProblem> problems)
    {
        var given = new[] { ("program", step.Program), ("command", step.Command), ("image", step.Image) }.Where(p => p.Item2 is not null).ToList();
        if (given.Count != 1)
        {
            var which = given.Count == 0 ? "none is given" : "both " + string.Join(" and ", given.Select(g => $"'{g.Item1}'")) + " are given";
            problems.Add(new(path, $"a step needs exactly one of 'program', 'command' or 'image'; {which}"));
        }

        if (step.Program is { } program && !StepPrograms.All.Contains(program))
        {
            problems.Add(new(JsonPaths.Property(path, "program"), $"unknown program '{program}'; expected one of {string.Join(", ", StepPrograms.All)}"));
        }

        foreach (var (name, value) in given.Where(g => g.Item1 != "program"))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new(JsonPaths.Property(path, name), $"'{name}' must not be empty"));
            }
        }

        CheckRunner(step, path, problems);
    }

    private static void CheckRunner(StepDefinition step, string path, List<DefinitionProblem> problems)
    {
        var runnerPath = JsonPaths.Property(path, "runner");
        if (step.Runner is null)
        {
            return;
        }

        if (!StepRunners.All.Contains(step.Runner))
        {
            problems.Add(new(runnerPath, $"unknown runner '{step.Runner}'; expected one of {string.Join(", ", StepRunners.All)}"));
        }
        else if (step.Runner == StepRunners.Docker && step.Command is not null)
        {
            problems.Add(new(runnerPath, "a 'command' runs on the server itself; run it in a container by giving its 'image' instead"));
        }
        else if (step.Runner == StepRunners.Process && step.Image is not null)
        {
            problems.Add(new(runnerPath, "an 'image' runs only in a container; use runner 'docker' or leave 'runner' out"));
        }
    }

    private static void CheckArgs(StepDefinition step, string path, List<DefinitionProblem> problems)
    {
        var argsPath = JsonPaths.Property(path, "args");
        for (var a = 0; a < step.Args.Count; a++)
        {
            if (step.Args[a] is null)
            {
                problems.Add(new(JsonPaths.Index(argsPath, a), "an argument must be a string, not null"));
            }
            else if (step.Args[a].Length == 0)
            {
                // An empty argument is almost always a value not filled in (`--input ""`): the program would read
                // it as an empty path or option and fail at its attempt, after the steps before it had run.
                problems.Add(new(JsonPaths.Index(argsPath, a), "an argument must not be empty: give it a value or remove it"));
            }
        }

        var envPath = JsonPaths.Property(path, "env");
        foreach (var (name, value) in step.Env)
        {
            if (!Identifiers.IsEnvName(name))
            {
                problems.Add(new(JsonPaths.Property(envPath, name), $"'{name}' is not a valid environment variable name (letters, digits, '_', not starting with a digit)"));
            }
            else if (ReservedEnvironment.Why(name, isProgram: step.Program is not null) is { } reserved)
            {
                problems.Add(new(JsonPaths.Property(envPath, name), reserved));
            }

            if (value is null)
            {
                problems.Add(new(JsonPaths.Property(envPath, name), "an environment value must be a string, not null"));
            }
        }
    }

    private static void CheckLimits(StepDefinition step, string path, List<DefinitionProblem> problems)
    {
        var retryPath = JsonPaths.Property(path, "retry");
        var retry = step.Retry;
        if (retry.Retries is < 0 or > MaxRetries)
        {
            problems.Add(new(JsonPaths.Property(retryPath, "retries"), $"must be between 0 and {MaxRetries}, not {retry.Retries}"));
        }

        Positive(retry.InitialDelaySeconds, JsonPaths.Property(retryPath, "initialDelaySeconds"), problems, MaxDelaySeconds);
        Positive(retry.MaxDelaySeconds, JsonPaths.Property(retryPath, "maxDelaySeconds"), problems, MaxDelaySeconds);
        if (!(retry.BackoffMultiplier >= 1 && retry.BackoffMultiplier <= MaxBackoffMultiplier))
        {
            problems.Add(new(JsonPaths.Property(retryPath, "backoffMultiplier"), $"must be between 1 and {MaxBackoffMultiplier}, not {retry.BackoffMultiplier}"));
        }

        if (step.TimeoutSeconds is { } timeout)
        {
            Positive(timeout, JsonPaths.Property(path, "timeoutSeconds"), problems, MaxTimeoutSeconds);
        }

        var resourcesPath = JsonPaths.Property(path, "resources");
        if (step.Resources?.Cpus is { } cpus)
        {
            Positive(cpus, JsonPaths.Property(resourcesPath, "cpus"), problems);
        }

        if (step.Resources?.MemoryMb is { } memory)
        {
            Positive(memory, JsonPaths.Property(resourcesPath, "memoryMb"), problems);
        }
    }

    private static void Positive(double value, string path, List<DefinitionProblem> problems, double max = double.MaxValue)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            problems.Add(new(path, $"must be greater than 0, not {value}"));
        }
        else if (value > max)
        {
            problems.Add(new(path, $"must be at most {max}, not {value}"));
        }
    }
}
