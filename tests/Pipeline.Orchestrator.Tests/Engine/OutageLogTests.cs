using Microsoft.Extensions.Logging;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Engine;

/// <summary>An outage is logged when it starts and when it ends, not once per failed pass.</summary>
public sealed class OutageLogTests
{
    [Fact]
    public void A_long_outage_logs_two_lines_and_a_second_one_two_more()
    {
        var logger = new ListLogger<OutageLogTests>();
        var outage = new OutageLog(logger, TimeProvider.System, "the engine's pass");

        for (var pass = 0; pass < 132; pass++)
        {
            outage.Failed(new TimeoutException("connection refused"));
        }

        outage.Succeeded();
        outage.Succeeded();
        outage.Failed(new TimeoutException("connection reset"));
        outage.Succeeded();

        Assert.Equal(
            [
                (LogLevel.Error, "the engine's pass failed: connection refused; trying again every pass, logged again when it works"),
                (LogLevel.Warning, "the engine's pass works again after"),
                (LogLevel.Error, "the engine's pass failed: connection reset; trying again every pass, logged again when it works"),
                (LogLevel.Warning, "the engine's pass works again after"),
            ],
            logger.Entries.Select(e => (e.Level, e.Message.Contains("works again", StringComparison.Ordinal) ? e.Message[..e.Message.IndexOf(" after", StringComparison.Ordinal)] + " after" : e.Message)));
        Assert.Contains("(132 failed passes)", logger.Entries[1].Message, StringComparison.Ordinal);
    }
}
