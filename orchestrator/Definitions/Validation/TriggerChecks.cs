using Pipeline.Orchestrator.Definitions.Inputs;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>Trigger types, cron schedules and time zones, HTTP paths, and the inputs triggers set.</summary>
internal static class TriggerChecks
{
    private static readonly string[] Types = [TriggerTypes.Cron, TriggerTypes.Http, TriggerTypes.Manual];
    private static readonly string[] CatchUps = [CatchUpPolicies.None, CatchUpPolicies.Latest, CatchUpPolicies.All];

    public static void Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var triggersPath = JsonPaths.Property(JsonPaths.Root, "triggers");
        var httpPaths = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var path = JsonPaths.Index(triggersPath, i);
            var trigger = definition.Triggers[i];
            if (trigger is null)
            {
                problems.Add(new(path, "a trigger must be an object, not null"));
                continue;
            }

            switch (trigger.Type)
            {
                case TriggerTypes.Cron:
                    CheckCron(trigger, path, problems);
                    break;
                case TriggerTypes.Http:
                    CheckHttp(trigger, path, httpPaths, i, problems);
                    break;
                case TriggerTypes.Manual:
                    break;
                default:
                    problems.Add(new(JsonPaths.Property(path, "type"), $"unknown trigger type '{trigger.Type}'; expected one of {string.Join(", ", Types)}"));
                    break;
            }

            NotFor(trigger, path, TriggerTypes.Cron, "schedule", trigger.Schedule, problems);
            NotFor(trigger, path, TriggerTypes.Cron, "timeZone", trigger.TimeZone, problems);
            NotFor(trigger, path, TriggerTypes.Http, "path", trigger.Path, problems);
            CheckInputs(definition, trigger, path, problems);
        }
    }

    private static void CheckCron(TriggerDefinition trigger, string path, List<DefinitionProblem> problems)
    {
        CronSchedules.Check(trigger.Schedule, trigger.TimeZone, path, problems);
        if (!CatchUps.Contains(trigger.CatchUp))
        {
            problems.Add(new(JsonPaths.Property(path, "catchUp"), $"unknown catch-up policy '{trigger.CatchUp}'; expected one of {string.Join(", ", CatchUps)}"));
        }
    }

    private static void CheckHttp(TriggerDefinition trigger, string path, Dictionary<string, int> seen, int index, List<DefinitionProblem> problems)
    {
        var pathPath = JsonPaths.Property(path, "path");
        if (string.IsNullOrWhiteSpace(trigger.Path))
        {
            problems.Add(new(pathPath, "an http trigger needs a path"));
        }
        else if (!Identifiers.IsHttpPath(trigger.Path))
        {
            problems.Add(new(pathPath, $"'{trigger.Path}' is not a valid hook path: {Identifiers.HttpPathRule}"));
        }
        else if (!seen.TryAdd(trigger.Path, index))
        {
            problems.Add(new(pathPath, $"the path '{trigger.Path}' is already used by triggers[{seen[trigger.Path]}]"));
        }
    }

    private static void NotFor(TriggerDefinition trigger, string path, string type, string property, string? value, List<DefinitionProblem> problems)
    {
        if (value is not null && trigger.Type != type && Types.Contains(trigger.Type))
        {
            problems.Add(new(JsonPaths.Property(path, property), $"'{property}' applies to {type} triggers only, not {trigger.Type}"));
        }
    }

    private static void CheckInputs(WorkflowDefinition definition, TriggerDefinition trigger, string path, List<DefinitionProblem> problems)
    {
        var inputsPath = JsonPaths.Property(path, "inputs");
        if (trigger.Type == TriggerTypes.Cron)
        {
            // Nobody is there to give a cron run its inputs: a required one missing would fail every due time.
            foreach (var (name, input) in definition.Inputs.Where(i => i.Value is { Default: null } && !trigger.Inputs.ContainsKey(i.Key)))
            {
                problems.Add(new(inputsPath, $"input '{name}' has no default, so a cron trigger must give it"));
            }
        }

        foreach (var (name, value) in trigger.Inputs)
        {
            var inputPath = JsonPaths.Property(inputsPath, name);
            if (!definition.Inputs.TryGetValue(name, out var input) || input is null)
            {
                problems.Add(new(inputPath, $"the workflow declares no input '{name}'"));
            }
            else if (value is null)
            {
                problems.Add(new(inputPath, "an input value must be a string, not null"));
            }
            else if (InputTypes.All.Contains(input.Type) && InputValues.Check(input.Type, value) is { } error)
            {
                problems.Add(new(inputPath, error));
            }
        }
    }
}
