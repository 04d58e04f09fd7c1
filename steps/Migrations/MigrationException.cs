namespace Pipeline.Steps.Migrations;

/// <summary>
/// The scripts and the database do not fit together: an applied script changed, a script failed (nothing of it
/// stays), or the embedded scripts are misnamed. A retry would fail the same way; each user turns this into its own
/// failure (the server's store exception, a step's exit code 78).
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
