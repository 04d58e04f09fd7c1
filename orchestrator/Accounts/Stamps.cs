using System.Security.Cryptography;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>Security stamps: random values a session cookie must still match (the host's session validation checks it on every request).</summary>
public static class Stamps
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
