using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Steps.Formats.Assets;

/// <summary>
/// The content hash of a partition folder: SHA-256 over each data file's path (relative, with <c>/</c>) and bytes,
/// in ordinal path order. Files and folders whose names start with <c>.</c> or <c>_</c> are not data (Spark, Hive
/// and pyarrow skip them too). The steps compute it when they write a partition; the server computes it again to
/// find a partition changed or deleted outside it; both must agree, hence one implementation.
/// </summary>
public static class PartitionContent
{
    /// <summary>The hash of the folder's data files, lower-case hex; null when the folder does not exist.</summary>
    public static string? Sha256(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(long)];
        var buffer = new byte[1 << 16];
        foreach (var (relative, path) in DataFiles(folder))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            BinaryPrimitives.WriteInt64LittleEndian(length, stream.Length);
            hash.AppendData(length);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer.AsSpan(0, read));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The data files under <paramref name="folder"/>: relative path with <c>/</c>, and full path; ordinal order.</summary>
    public static IEnumerable<(string Relative, string Path)> DataFiles(string folder)
    {
        var found = new List<(string, string)>();
        Walk(folder, "", found);
        return found.OrderBy(f => f.Item1, StringComparer.Ordinal);
    }

    /// <summary>Whether a file or folder name is data: not hidden (<c>.</c>) and not metadata (<c>_</c>).</summary>
    public static bool IsData(string name) => name.Length > 0 && name[0] is not ('.' or '_');

    private static void Walk(string folder, string prefix, List<(string, string)> found)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (!IsData(entry.Name))
            {
                continue;
            }

            var relative = prefix + entry.Name;
            if (entry is DirectoryInfo directory)
            {
                Walk(directory.FullName, relative + "/", found);
            }
            else
            {
                found.Add((relative, entry.FullName));
            }
        }
    }
}
