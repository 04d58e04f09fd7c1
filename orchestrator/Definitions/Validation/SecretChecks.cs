using Pipeline.Orchestrator.Definitions.Templates;

namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>
/// <c>${{ secrets.NAME }}</c> appears only in a step's <c>env</c> values (<see cref="TemplateChecks"/> checks
/// arguments): anywhere else a secret's value would be stored, logged or shown, or the text is not a template at all.
/// </summary>
internal static class SecretChecks
{
    public const string OnlyInEnv = "a secret may only be used in a step's 'env' values";

    public const string WhyNotArgs = ": a process's arguments are visible to every user of the machine (ps) and are printed in logs";

    private const string WhyNotInputs = ": input values are stored with every run and shown by the API and the UI";

    private const string WhyNotAsWritten = ": this value is stored, logged and shown as written, and is not a template";

    public static void Check(WorkflowDefinition definition, List<DefinitionProblem> problems)
    {
        var root = JsonPaths.Root;
        var inputsPath = JsonPaths.Property(root, "inputs");
        foreach (var (name, input) in definition.Inputs)
        {
            Refuse(input?.Default, JsonPaths.Property(JsonPaths.Property(inputsPath, name), "default"), WhyNotInputs, problems);
        }

        var triggersPath = JsonPaths.Property(root, "triggers");
        for (var t = 0; t < definition.Triggers.Count; t++)
        {
            var inputs = JsonPaths.Property(JsonPaths.Index(triggersPath, t), "inputs");
            foreach (var (name, value) in definition.Triggers[t]?.Inputs ?? new Dictionary<string, string>())
            {
                Refuse(value, JsonPaths.Property(inputs, name), WhyNotInputs, problems);
            }
        }

        var stepsPath = JsonPaths.Property(root, "steps");
        for (var i = 0; i < (definition.Steps?.Count ?? 0); i++)
        {
            if (definition.Steps![i] is not { } step)
            {
                continue;
            }

            var path = JsonPaths.Index(stepsPath, i);
            Refuse(step.Command, JsonPaths.Property(path, "command"), WhyNotAsWritten, problems);
            Refuse(step.Image, JsonPaths.Property(path, "image"), WhyNotAsWritten, problems);
            Refuse(step.Name, JsonPaths.Property(path, "name"), WhyNotAsWritten, problems);
        }
    }

    private static void Refuse(string? value, string path, string why, List<DefinitionProblem> problems)
    {
        if (SecretNames.AreReferredToIn(value))
        {
            problems.Add(new(path, OnlyInEnv + why));
        }
    }
}
