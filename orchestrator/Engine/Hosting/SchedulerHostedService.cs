using Microsoft.Extensions.Hosting;
using Pipeline.Orchestrator.Engine.Scheduling;

namespace Pipeline.Orchestrator.Engine.Hosting;

/// <summary>Runs the cron scheduler for the lifetime of the host, when enabled.</summary>
internal sealed class SchedulerHostedService(CronScheduler scheduler, SchedulerOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Enabled ? scheduler.RunAsync(stoppingToken) : Task.CompletedTask;
}
