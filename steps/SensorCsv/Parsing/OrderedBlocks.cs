using System.Threading.Channels;

namespace Pipeline.Steps.SensorCsv.Parsing;

/// <summary>
/// Parallel work over an input's record blocks, results in input order: one thread cuts blocks from the splitter,
/// each block's work runs on the thread pool (at most <c>inFlight</c> ahead of the consumer), and the consumer gets
/// the results in the order of the blocks. However it ends (done, a failure, a cancellation), the cutting is stopped
/// and awaited before this returns, because it reads into the splitter's pooled buffer, which the caller releases next.
/// </summary>
internal static class OrderedBlocks
{
    /// <param name="splitter">Where the blocks come from.</param>
    /// <param name="work">Runs once per block on a worker thread; the block is disposed after it.</param>
    /// <param name="inFlight">How many blocks may be cut and worked ahead of the consumer.</param>
    /// <param name="consume">Gets each result in input order.</param>
    /// <param name="cancellationToken">Stops the cutting and the consuming.</param>
    public static async Task ForEachAsync<T>(
        RecordBlockSplitter splitter, Func<RecordBlock, T> work, int inFlight, Func<T, ValueTask> consume, CancellationToken cancellationToken)
    {
        var results = Channel.CreateBounded<Task<T>>(inFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(splitter, work, results.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var pending in results.Reader.ReadAllAsync(stop.Token))
            {
                await consume(await pending);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>Cuts blocks and starts their work; never throws (a failure completes the channel with it).</summary>
    private static async Task ProduceAsync<T>(RecordBlockSplitter splitter, Func<RecordBlock, T> work, ChannelWriter<Task<T>> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested && splitter.Next() is { } block)
            {
                var working = Task.Run(
                    () =>
                    {
                        using (block)
                        {
                            return work(block);
                        }
                    },
                    CancellationToken.None);
                if (!writer.TryWrite(working))
                {
                    await writer.WriteAsync(working, cancellationToken);
                }
            }

            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
