using System.Security.Cryptography;

namespace Pipeline.Orchestrator.Auth;

/// <summary>Security stamps: random values a session cookie must still match (see <see cref="SessionValidation"/>).</summary>
internal static class Stamps
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
