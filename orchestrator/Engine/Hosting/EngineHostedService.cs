using Microsoft.Extensions.Hosting;
using Pipeline.Orchestrator.Engine.Execution;

namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>Runs the engine loop for the lifetime of the host.</summary>
internal sealed class EngineHostedService(WorkflowEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
