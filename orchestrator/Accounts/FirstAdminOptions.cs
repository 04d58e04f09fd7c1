namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// The admin a server without users creates at start-up (<c>Auth:Admin</c>). There is no built-in password: with none
/// configured, a random one is generated and logged once. An API key given here is added to that admin at every
/// start-up where it is missing, for automation (compose health checks, CI) that cannot sign in with a browser.
/// </summary>
public sealed class FirstAdminOptions
{
    public string Name { get; set; } = "admin";

    public string? Password { get; set; }

    /// <summary>A file holding the password (a Docker secret, say); one trailing newline is ignored.</summary>
    public string? PasswordFile { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiKeyFile { get; set; }

    public string? ReadPassword() => Read(Password, PasswordFile, "Auth:Admin:PasswordFile");

    public string? ReadApiKey() => Read(ApiKey, ApiKeyFile, "Auth:Admin:ApiKeyFile");

    public void Check()
    {
        if (!UserNames.IsValid(Name))
        {
            throw new InvalidOperationException($"configuration: Auth:Admin:Name '{Name}' is not a valid user name ({UserNames.Rule})");
        }

        if (ReadApiKey() is { Length: < ApiKeySecrets.MinConfiguredLength })
        {
            throw new InvalidOperationException($"configuration: the API key of Auth:Admin must be at least {ApiKeySecrets.MinConfiguredLength} characters");
        }
    }

    private static string? Read(string? value, string? file, string setting)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(file);
            return text.EndsWith('\n') ? text[..^1].TrimEnd('\r') : text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"configuration: cannot read {setting} {file}: {e.Message}", e);
        }
    }
}
