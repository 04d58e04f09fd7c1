using Pipeline.Orchestrator.Engine.Secrets;
using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Secrets;

/// <summary>Secrets come from files in Secrets:Directory, else PIPELINE_SECRET_NAME; a missing one is named with where it was looked for.</summary>
public sealed class SecretStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("secrets");

    private SecretStore Store(Dictionary<string, string>? environment = null) =>
        new(new SecretsOptions { Directory = _folder.Path }, name => environment?.GetValueOrDefault(name));

    [Fact]
    public void A_file_s_one_trailing_newline_is_dropped()
    {
        File.WriteAllText(_folder.Sub("db_password"), "pa ss\n\n");
        File.WriteAllText(_folder.Sub("token"), "t0k\r\n");
        File.WriteAllText(_folder.Sub("plain"), "x");

        var (values, missing) = Store().Resolve(["db_password", "token", "plain"]);

        Assert.Empty(missing);
        Assert.Equal("pa ss\n", values!["db_password"]);
        Assert.Equal("t0k", values["token"]);
        Assert.Equal("x", values["plain"]);
    }

    [Fact]
    public void The_environment_is_asked_when_there_is_no_file_as_written_then_upper_case()
    {
        File.WriteAllText(_folder.Sub("both"), "from-file");
        var store = Store(new() { ["PIPELINE_SECRET_api_token"] = "a", ["PIPELINE_SECRET_OTHER"] = "b", ["PIPELINE_SECRET_both"] = "from-env" });

        var (values, _) = store.Resolve(["api_token", "other", "both"]);

        Assert.Equal("a", values!["api_token"]);
        Assert.Equal("b", values["other"]);
        Assert.Equal("from-file", values["both"]);
    }

    [Fact]
    public void A_missing_secret_is_named_with_where_it_was_looked_for()
    {
        var store = Store();

        var (values, missing) = store.Resolve(["nope", "nope"]);

        Assert.Null(values);
        Assert.Equal(["nope"], missing);
        Assert.Equal(
            $"secret 'nope' is not available on this server: there is no file {_folder.Sub("nope")} (Secrets:Directory) and no environment variable PIPELINE_SECRET_nope",
            store.Missing("nope"));
    }

    [Fact]
    public void The_server_s_own_password_file_is_never_a_step_s_secret()
    {
        File.WriteAllText(_folder.Sub("postgres_password"), "db-password\n");
        var store = new SecretStore(new SecretsOptions { Directory = _folder.Path, ServerOwnFiles = [_folder.Sub("postgres_password")] }, _ => null);

        Assert.Equal(["postgres_password"], store.Resolve(["postgres_password"]).Missing);
    }

    [Fact]
    public void A_name_that_is_not_a_secret_name_is_never_looked_up_as_a_path() =>
        Assert.Equal(["../etc/passwd"], Store().Resolve(["../etc/passwd"]).Missing);

    public void Dispose() => _folder.Dispose();
}
