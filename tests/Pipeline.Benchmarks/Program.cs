using System.Runtime.InteropServices;
using Pipeline.Benchmarks;

// Ctrl+C and SIGTERM cancel the run; child processes are killed on the way out.
using var cancellation = new CancellationTokenSource();
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancellation.Cancel(); });
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancellation.Cancel(); });
return await BenchmarkCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
