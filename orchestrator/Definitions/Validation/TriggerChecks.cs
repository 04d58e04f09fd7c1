using Pipeline.Orchestrator.Definitions.Inputs;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>Trigger types, cron schedules and time zones, HTTP paths, dataset inputs, and the inputs triggers set.</summary>
internal static class TriggerChecks
{
    private static readonly string[] Types = [TriggerTypes.Cron, TriggerTypes.Http, TriggerTypes.Dataset, TriggerTypes.Materialize, TriggerTypes.Manual];
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
                case TriggerTypes.Dataset:
                    CheckDataset(definition, trigger, path, problems);
                    break;
                case TriggerTypes.Materialize:
                    CheckMaterialize(definition, trigger, path, problems);
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
            if (trigger.Type != TriggerTypes.Materialize)
            {
                NotFor(trigger, path, TriggerTypes.Dataset, "input", trigger.Input, problems);
            }

            NotFor(trigger, path, TriggerTypes.Materialize, "asset", trigger.Asset, problems);
            NotFor(trigger, path, TriggerTypes.Dataset, "pattern", trigger.Pattern, problems);
            NotFor(trigger, path, TriggerTypes.Dataset, "timeZoneInput", trigger.TimeZoneInput, problems);
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

    private static void CheckDataset(WorkflowDefinition definition, TriggerDefinition trigger, string path, List<DefinitionProblem> problems)
    {
        var inputPath = JsonPaths.Property(path, "input");
        if (string.IsNullOrWhiteSpace(trigger.Input))
        {
            problems.Add(new(inputPath, "a dataset trigger needs the name of the path input that receives the dataset's file"));
        }
        else if (!definition.Inputs.TryGetValue(trigger.Input, out var input) || input is null)
        {
            problems.Add(new(inputPath, $"the workflow declares no input '{trigger.Input}'"));
        }
        else if (input.Type != InputTypes.Path)
        {
            problems.Add(new(inputPath, $"input '{trigger.Input}' is of type {input.Type}; a dataset trigger sets a path input"));
        }
        else if (trigger.Inputs.ContainsKey(trigger.Input))
        {
            problems.Add(new(JsonPaths.Property(JsonPaths.Property(path, "inputs"), trigger.Input), $"input '{trigger.Input}' is set to the dataset's file; the trigger cannot also give it a value"));
        }

        if (trigger.TimeZoneInput is { } zoneInput)
        {
            var zonePath = JsonPaths.Property(path, "timeZoneInput");
            if (!definition.Inputs.TryGetValue(zoneInput, out var zone) || zone is null)
            {
                problems.Add(new(zonePath, $"the workflow declares no input '{zoneInput}'"));
            }
            else if (zone.Type != InputTypes.Text)
            {
                problems.Add(new(zonePath, $"input '{zoneInput}' is of type {zone.Type}; a time zone is a string input"));
            }
            else if (trigger.Inputs.ContainsKey(zoneInput) || zoneInput == trigger.Input)
            {
                problems.Add(new(zonePath, $"input '{zoneInput}' is set by this trigger already"));
            }
        }

        if (trigger.Pattern is { } pattern && (pattern.Length is 0 or > 200 || pattern.Contains('/', StringComparison.Ordinal)))
        {
            problems.Add(new(JsonPaths.Property(path, "pattern"), "a dataset name pattern is 1 to 200 characters without '/' (* matches any characters, ? one)"));
        }
    }

    private static void CheckMaterialize(WorkflowDefinition definition, TriggerDefinition trigger, string path, List<DefinitionProblem> problems)
    {
        if (trigger.Asset is null || !Templates.AssetNames.IsValid(trigger.Asset))
        {
            problems.Add(new(JsonPaths.Property(path, "asset"), trigger.Asset is null
                ? "a materialize trigger names the asset whose days it makes"
                : $"'{trigger.Asset}' is not an asset name ({Templates.AssetNames.Rule})"));
        }

        var inputPath = JsonPaths.Property(path, "input");
        if (string.IsNullOrWhiteSpace(trigger.Input))
        {
            problems.Add(new(inputPath, "a materialize trigger needs the name of the string input that receives the days asked for"));
        }
        else if (!definition.Inputs.TryGetValue(trigger.Input, out var input) || input is null)
        {
            problems.Add(new(inputPath, $"the workflow declares no input '{trigger.Input}'"));
        }
        else if (input.Type != InputTypes.Text)
        {
            problems.Add(new(inputPath, $"input '{trigger.Input}' is of type {input.Type}; the days asked for are a string input"));
        }
        else if (trigger.Inputs.ContainsKey(trigger.Input))
        {
            problems.Add(new(JsonPaths.Property(JsonPaths.Property(path, "inputs"), trigger.Input), $"input '{trigger.Input}' is set to the days asked for; the trigger cannot also give it a value"));
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
