using System.Runtime.InteropServices;
using Pipeline.Chaos;
using Pipeline.Chaos.Harness;

// Ctrl+C and SIGTERM cancel the suite; the cleanup registry kills every child server and stops every PostgreSQL on the
// way out. ProcessExit is the last resort for an exit that skipped the finally blocks.
using var cancellation = new CancellationTokenSource();
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancellation.Cancel(); });
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancellation.Cancel(); });
AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanupRegistry.RunAllAsync().GetAwaiter().GetResult();
try
{
    return await ChaosCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
}
finally
{
    await CleanupRegistry.RunAllAsync();
}
