using System.Security.Cryptography;

namespace Pipeline.Orchestrator.Engine.Runs;

/// <summary>Run ids that sort by creation time (keyset paging, readable folders) and never collide across replicas.</summary>
public static class RunIds
{
    public static string New(DateTimeOffset createdAt) =>
        createdAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", System.Globalization.CultureInfo.InvariantCulture)
        + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
