using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.Steps.Migrations;

/// <summary>Reads the numbered schema scripts embedded in an assembly under a resource-name prefix.</summary>
public static partial class MigrationScripts
{
    /// <summary>The scripts whose resource names start with <paramref name="resourcePrefix"/>, by version.</summary>
    /// <exception cref="MigrationException">A script is not named <c>NNNN_name.sql</c>, or two share a number.</exception>
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(resourcePrefix);
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[resourcePrefix.Length..];
            var match = ScriptName().Match(fileName);
            if (!match.Success)
            {
                // A script the migrator would silently skip is worse than a build that refuses to run.
                throw new MigrationException($"schema script '{fileName}' in {assembly.GetName().Name} is not named NNNN_name.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            // A checkout with CRLF line endings must not look like a changed script.
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            var version = int.Parse(match.Groups["version"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
            scripts.Add(new MigrationScript(version, match.Groups["name"].Value, sql, checksum));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new MigrationException($"schema scripts {scripts[i - 1].FileName} and {scripts[i].FileName} have the same number");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"^(?<version>[0-9]{4})_(?<name>[a-z0-9_]+)\.sql\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();
}
