namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// The admin a server without users creates at start-up (<c>Auth:Admin</c>). There is no built-in password: with none
/// configured, a random one is generated and logged once. An API key given here is added to that admin at every
/// start-up where it is missing, for automation (compose health checks, CI) that cannot sign in with a browser.
/// </summary>
public sealed class FirstAdminOptions
{
    private const string ConfigurationError = "configuration: ";

    public string Name { get; set; } = "admin";

    public string? Password { get; set; }

    /// <summary>A file holding the password (a Docker secret, say); one trailing newline is ignored.</summary>
    public string? PasswordFile { get; set; }

    public string? ApiKey { get; set; }

    public string? ApiKeyFile { get; set; }

    public string? ReadPassword() => Read(Password, PasswordFile, "Auth:Admin:PasswordFile");

    public string? ReadApiKey() => Read(ApiKey, ApiKeyFile, "Auth:Admin:ApiKeyFile");

    public IEnumerable<string> Problems()
    {
        List<string> problems = [];
        if (!UserNames.IsValid(Name))
        {
            problems.Add($"Auth:Admin:Name '{Name}' is not a valid user name ({UserNames.Rule})");
        }

        try
        {
            if (ReadApiKey() is { Length: < ApiKeySecrets.MinConfiguredLength })
            {
                problems.Add($"the API key of Auth:Admin must be at least {ApiKeySecrets.MinConfiguredLength} characters");
            }
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message.StartsWith(ConfigurationError, StringComparison.Ordinal) ? e.Message[ConfigurationError.Length..] : e.Message);
        }

        return problems;
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
            throw new InvalidOperationException($"{ConfigurationError}cannot read {setting} {file}: {e.Message}", e);
        }
    }
}
