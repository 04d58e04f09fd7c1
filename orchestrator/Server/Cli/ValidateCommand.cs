using System.CommandLine;
using Pipeline.Orchestrator.Definitions.Serialization;

namespace Pipeline.Orchestrator.Cli;

/// <summary><c>validate &lt;file&gt;...</c>: every problem of each workflow definition, with its path; exit 2 if any.</summary>
internal static class ValidateCommand
{
    private static readonly Argument<FileInfo[]> Files = new("files") { Description = "Workflow definition files", Arity = ArgumentArity.OneOrMore };

    public static Command Create()
    {
        var command = new Command("validate", "Check workflow definition files") { Files };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var failed = false;
            foreach (var file in parse.GetValue(Files)!)
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"{file.FullName}: no such file");
                    failed = true;
                    continue;
                }

                var (_, problems) = WorkflowDefinitionReader.ReadAndValidate(await File.ReadAllTextAsync(file.FullName, cancellationToken));
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"{file.Name}: {problem.Path}: {problem.Message}");
                }

                failed |= problems.Count > 0;
                if (problems.Count == 0)
                {
                    Console.WriteLine($"{file.Name}: valid");
                }
            }

            return failed ? CliExitCodes.Refused : CliExitCodes.Success;
        });
        return command;
    }
}
