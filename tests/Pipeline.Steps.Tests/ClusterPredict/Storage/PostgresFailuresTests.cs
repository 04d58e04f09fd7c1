using System.Net.Sockets;
using Npgsql;
using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

public sealed class PostgresFailuresTests
{
    [Theory]
    [InlineData("28P01", StepExitCodes.Configuration)] // wrong password
    [InlineData("28000", StepExitCodes.Configuration)] // no pg_hba.conf entry, unknown role
    [InlineData("3D000", StepExitCodes.Configuration)] // database does not exist
    [InlineData("42P01", StepExitCodes.Configuration)] // table missing: schema not migrated
    [InlineData("42501", StepExitCodes.Configuration)] // permission denied
    [InlineData("57P03", StepExitCodes.TemporaryFailure)] // the server is starting up
    [InlineData("53300", StepExitCodes.TemporaryFailure)] // too many connections
    [InlineData("40P01", StepExitCodes.TemporaryFailure)] // deadlock
    [InlineData("57P01", StepExitCodes.TemporaryFailure)] // administrator shutdown
    [InlineData("23505", StepExitCodes.DataError)] // duplicate key in the rows
    [InlineData("XX000", StepExitCodes.Software)] // internal error
    public void Server_errors_map_to_exit_codes(string sqlState, int exitCode)
    {
        var error = PostgresFailures.Classify(new PostgresException("message", "ERROR", "ERROR", sqlState), "db:5432/p", "loading");

        Assert.Equal(exitCode, error.ExitCode);
        Assert.Contains("db:5432/p", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Network_errors_are_temporary()
    {
        Exception[] errors =
        [
            new SocketException((int)SocketError.ConnectionRefused),
            new TimeoutException("timed out"),
            new NpgsqlException("Failed to connect to 10.0.0.1:5432", new SocketException((int)SocketError.HostUnreachable)),
            new NpgsqlException("Exception while reading from stream", new IOException("connection reset")),
        ];

        Assert.All(errors, e => Assert.Equal(StepExitCodes.TemporaryFailure, PostgresFailures.Classify(e, "db:5432/p", "loading").ExitCode));
    }
}
