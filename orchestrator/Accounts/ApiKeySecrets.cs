using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// API key secrets: <c>pk_</c> and 43 random URL-safe characters (256 bits). Only the SHA-256 is stored: with that much
/// randomness an unsalted hash cannot be reversed, and it lets a request's key be found by one indexed lookup.
/// </summary>
public static class ApiKeySecrets
{
    /// <summary>A configured key (<c>Auth:Admin:ApiKey</c>) must be at least this long.</summary>
    public const int MinConfiguredLength = 24;

    private const int PrefixLength = 10;

    public static string Generate() => "pk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The first characters, shown in lists so an owner can tell keys apart; useless for guessing the rest.</summary>
    public static string Prefix(string secret) => secret.Length <= PrefixLength ? secret[..Math.Min(4, secret.Length)] : secret[..PrefixLength];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
