using Pipeline.Benchmarks.Assets;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Clustering;
using Pipeline.Benchmarks.Datasets;
using Pipeline.Benchmarks.DuckDb;
using Pipeline.Benchmarks.Generation;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Benchmarks.Orchestration;
using Pipeline.Benchmarks.PgLoad;
using Pipeline.Benchmarks.Predictions;
using Pipeline.Steps.Formats;

namespace Pipeline.Benchmarks;

/// <summary>Dispatches the first argument to a command and maps failures to exit codes.</summary>
internal static class BenchmarkCli
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "keep", "help" };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            await output.WriteAsync(HelpText.Text);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }

        try
        {
            var arguments = new CommandArguments(args[1..], Flags);
            if (arguments.Flag("help"))
            {
                await output.WriteAsync(HelpText.Text);
                return ExitCodes.Success;
            }

            return args[0] switch
            {
                "generate" => GenerateCommand.Run(arguments, output, cancellationToken),
                "ingest" => await IngestCommand.RunAsync(arguments, output, cancellationToken),
                "pg-load" => await PgLoadCommand.RunAsync(arguments, output, cancellationToken),
                "clustering" => await ClusteringCommand.RunAsync(arguments, output, cancellationToken),
                "predict" => await PredictCommand.RunAsync(arguments, output, cancellationToken),
                "datasets" => await DatasetsCommand.RunAsync(arguments, output, cancellationToken),
                "orchestration" => await OrchestrationCommand.RunAsync(arguments, output, cancellationToken),
                "runs-list" => await RunsListCommand.RunAsync(arguments, output, cancellationToken),
                "grid" => await GridCommand.RunAsync(arguments, output, cancellationToken),
                "assets" => await AssetsCommand.RunAsync(arguments, output, cancellationToken),
                "assets-list" => await AssetsListCommand.RunAsync(arguments, output, cancellationToken),
                "assets-grid" => await AssetsGridCommand.RunAsync(arguments, output, cancellationToken),
                DuckDbSideCommand.Name => await DuckDbSideCommand.RunAsync(arguments, output, cancellationToken),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message} (see --help)");
            return ExitCodes.Usage;
        }
        catch (SideFailedException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Software;
        }
        catch (StepException e)
        {
            // pg-load: the store's own failure, already worded for people (server unreachable, schema refused).
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Software;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
    }
}
