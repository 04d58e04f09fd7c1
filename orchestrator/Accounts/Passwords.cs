using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, 100,000 iterations, versioned
/// format), and the password rule.
/// </summary>
public sealed class Passwords(AuthOptions options)
{
    private const int MaxLength = 1024;

    // The hasher ignores the user argument; one instance serves every user.
    private static readonly PasswordHasher<string> Hasher = new();

    // Checked against when the user does not exist, so a wrong name costs as long as a wrong password: response times
    // do not tell which names exist.
    private static readonly string DecoyHash = Hasher.HashPassword("", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public static string Hash(string password) => Hasher.HashPassword("", password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword("", hash ?? DecoyHash, password) != PasswordVerificationResult.Failed && hash is not null;

    /// <summary>A random password for the first admin when none is configured: 20 characters, about 119 bits.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    /// <summary>Why the password is not acceptable, or null.</summary>
    public string? Problem(string? password) =>
        string.IsNullOrEmpty(password) ? "a password is required"
        : password.Length < options.MinPasswordLength ? $"the password must be at least {options.MinPasswordLength} characters"
        : password.Length > MaxLength ? $"the password must be at most {MaxLength} characters"
        : null;
}
