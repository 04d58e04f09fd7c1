// The one entry point of the workflow server and its CLI: dotnet run --project orchestrator -- <command>.
return await Pipeline.Orchestrator.Cli.PipelineCli.RunAsync(args);
