// The one entry point of the workflow server and its CLI: dotnet run --project orchestrator/Server -- <command>.
return await Pipeline.Orchestrator.Cli.PipelineCli.RunAsync(args);
