using Pipeline.Steps.ClusterPredict.Storage;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

public sealed class PostgresConnectionTests
{
    private const string Configured = "Host=db.internal;Port=5433;Username=pipeline;Password=s3cret-pw;Database=predictions";

    [Fact]
    public void A_configured_connection_string_is_used_as_is() =>
        Assert.Equal(Configured, PostgresConnection.Resolve(Configured, null));

    [Fact]
    public void A_secret_file_is_read_and_trimmed()
    {
        using var temp = new TempFolder();
        var secret = temp.Combine("pg-connection");
        File.WriteAllText(secret, "  " + Configured + "\n");

        Assert.Equal(Configured, PostgresConnection.Resolve(null, secret));
        Assert.Equal(Configured, PostgresConnection.Resolve("  ", secret));
    }

    [Theory]
    [InlineData(null, false, "no PostgreSQL connection string")]
    [InlineData("", false, "no PostgreSQL connection string")]
    [InlineData(Configured, true, "set exactly one")]
    public void Neither_or_both_sources_is_a_configuration_error(string? configured, bool withFile, string expected)
    {
        using var temp = new TempFolder();
        var secret = temp.Combine("pg-connection");
        File.WriteAllText(secret, Configured);

        var error = Assert.Throws<StepException>(() => PostgresConnection.Resolve(configured, withFile ? secret : null));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "cannot read")]
    [InlineData("empty", "is empty")]
    [InlineData("garbage", "not a valid PostgreSQL connection string")]
    [InlineData("bad-port", "not a valid PostgreSQL connection string")]
    public void A_bad_secret_file_is_a_configuration_error_that_does_not_echo_it(string kind, string expected)
    {
        using var temp = new TempFolder();
        var secret = temp.Combine("pg-connection");
        if (kind != "missing")
        {
            File.WriteAllText(secret, kind switch
            {
                "empty" => " \n",
                "garbage" => "Host=db;Pasword=s3cret-pw",
                _ => "Host=db;Port=five;Password=s3cret-pw",
            });
        }

        var error = Assert.Throws<StepException>(() => PostgresConnection.Resolve(null, secret));

        Assert.Equal(StepExitCodes.Configuration, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redacting_hides_the_password_and_keeps_the_rest()
    {
        var redacted = PostgresConnection.Redact(Configured);

        Assert.DoesNotContain("s3cret-pw", redacted, StringComparison.Ordinal);
        Assert.Contains("Password=***", redacted, StringComparison.Ordinal);
        Assert.Contains("Host=db.internal", redacted, StringComparison.Ordinal);
        Assert.Equal("(unparseable connection string)", PostgresConnection.Redact("Host=db;Pasword=s3cret-pw"));
        Assert.Equal("db.internal:5433/predictions", PostgresConnection.Endpoint(Configured));
    }
}
