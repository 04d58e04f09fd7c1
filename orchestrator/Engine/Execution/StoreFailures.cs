using System.Data.Common;
using System.Net.Sockets;

namespace Pipeline.Orchestrator.Engine.Execution;

/// <summary>Which failures of the store are the database being away (worth waiting out) rather than a refusal.</summary>
public static class StoreFailures
{
    /// <summary>
    /// A connection refused, broken or timed out, a server starting up or shutting down, a busy SQLite file: the
    /// providers mark these <see cref="DbException.IsTransient"/>; a network or I/O error under another exception too.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        DbException db when db.IsTransient => true,
        TimeoutException or SocketException or IOException => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
