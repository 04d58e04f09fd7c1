using System.Text.Json.Nodes;
using Parquet.Serialization;
using Pipeline.Steps.Formats.Assets;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// Reads the first rows of a day partition's Parquet files (<c>{assetFolder}/day=KEY/*.parquet</c>, by name), never
/// outside the asset's folder: the partition folder and each file, links resolved, must lie inside it.
/// </summary>
public static class PartitionPreviewReader
{
    /// <summary>Longer strings are cut to this many characters: a preview is for looking, not for copying out data.</summary>
    public const int MaxStringLength = 500;

    /// <summary>Reads at most <paramref name="limit"/> rows of partition <paramref name="key"/> (a day) of the asset in <paramref name="assetFolder"/>.</summary>
    /// <exception cref="PartitionPreviewException">The folder is missing (<see cref="PartitionPreviewException.NotFound"/>), lies outside the asset, or a file is not readable Parquet.</exception>
    public static async Task<PartitionPreview> ReadAsync(string assetFolder, string key, int limit, CancellationToken cancellationToken)
    {
        if (AssetLayout.Day(key) is null || key.Length != 10)
        {
            throw new ArgumentException($"partition key '{key}' is not a day (yyyy-MM-dd)", nameof(key));
        }

        var root = Resolve(Path.GetFullPath(assetFolder));
        var folder = AssetLayout.PartitionFolder(Path.GetFullPath(assetFolder), key);
        if (!Directory.Exists(folder))
        {
            throw new PartitionPreviewException($"the folder of partition '{key}' is missing: {folder}", notFound: true);
        }

        EnsureInside(root, Resolve(folder), $"partition folder day={key}");
        var files = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.TopDirectoryOnly)
            .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('_') && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var columns = new List<PreviewColumn>();
        var rows = new List<JsonArray>();
        var read = new List<string>();
        var more = false;
        foreach (var file in files)
        {
            if (rows.Count >= limit)
            {
                more = true;
                break;
            }

            EnsureInside(root, Resolve(file), $"file {Path.GetFileName(file)} of partition day={key}");
            read.Add(Path.GetFileName(file));
            more |= await ReadFileAsync(file, columns, rows, limit, cancellationToken);
        }

        return new PartitionPreview(columns, rows, read, more);
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> rows of the asset's sensors table (<c>_asset/sensors.parquet</c>: one
    /// row per sensor with its attributes, first and last seen), under the same rules as a partition's files.
    /// </summary>
    /// <exception cref="PartitionPreviewException">The asset has no sensors table (<see cref="PartitionPreviewException.NotFound"/>), it lies outside the asset, or it is not readable Parquet.</exception>
    public static async Task<PartitionPreview> ReadSensorsAsync(string assetFolder, int limit, CancellationToken cancellationToken)
    {
        var root = Resolve(Path.GetFullPath(assetFolder));
        var file = AssetLayout.SensorsPath(Path.GetFullPath(assetFolder));
        if (!File.Exists(file))
        {
            throw new PartitionPreviewException("it has no sensors table (its features were made before sensors were kept, or it is not a features asset)", notFound: true);
        }

        EnsureInside(root, Resolve(file), "its sensors table");
        var columns = new List<PreviewColumn>();
        var rows = new List<JsonArray>();
        var more = await ReadFileAsync(file, columns, rows, limit, cancellationToken);
        return new PartitionPreview(columns, rows, [AssetLayout.SensorsFileName], more);
    }

    /// <summary>Adds the file's rows up to the limit (its columns too, when it is the first); whether rows were left unread.</summary>
    private static async Task<bool> ReadFileAsync(string file, List<PreviewColumn> columns, List<JsonArray> rows, int limit, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(file);
            int groups;
            await using (var reader = await Parquet.ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken))
            {
                groups = reader.RowGroupCount;
            }

            for (var group = 0; group < groups; group++)
            {
                if (rows.Count >= limit)
                {
                    return true;
                }

                stream.Position = 0;
                var result = await ParquetSerializer.DeserializeUntypedAsync(stream, null, group, cancellationToken);
                if (columns.Count == 0)
                {
                    columns.AddRange(result.Schema.Fields.Select(f => new PreviewColumn(f.Name, f is Parquet.Schema.DataField d ? PreviewValues.TypeName(d.ClrType) : f.SchemaType.ToString())));
                }

                var take = Math.Min(limit - rows.Count, result.Data.Count);
                foreach (var row in result.Data.Take(take))
                {
                    rows.Add(new JsonArray([.. columns.Select(c => PreviewValues.ToJson(row.TryGetValue(c.Name, out var value) ? value : null))]));
                }

                if (take < result.Data.Count)
                {
                    return true;
                }
            }

            return false;
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new PartitionPreviewException($"{Path.GetFileName(file)} is not a readable Parquet file: {e.Message}", notFound: false, e);
        }
    }

    private static string Resolve(string path)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        return info.LinkTarget is null ? path : Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)!.FullName);
    }

    private static void EnsureInside(string root, string path, string what)
    {
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new PartitionPreviewException($"{what} leads outside the asset's folder {root}: refused", notFound: false);
        }
    }
}
