namespace Pipeline.Orchestrator.Accounts;

/// <summary>What came of changing or removing a user.</summary>
public enum AccountChangeOutcome
{
    Done,
    NotFound,

    /// <summary>Refused: no enabled admin would be left.</summary>
    LastAdmin,
}
