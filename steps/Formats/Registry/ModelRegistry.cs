using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;

namespace Pipeline.Steps.Formats.Registry;

/// <summary>
/// A folder store of model versions: <c>versions/NNNN/</c> holds <c>model.zip</c> and <c>metadata.json</c>, and
/// <c>production.json</c> names the production version. A version is assembled in a staging folder and renamed
/// into place, so a reader never sees half a version, and two trainers registering at once get different numbers
/// (the rename fails for the second, which takes the next). The production pointer is replaced by rename too, and
/// every promotion is appended to <c>promotions.jsonl</c>, the history a rollback reads. The training run behind a
/// version (<see cref="ModelVersion.Experiment"/>) lives in its metadata, so it arrives and renames with the version.
/// </summary>
public sealed class ModelRegistry(string root, TimeProvider clock)
{
    public const string ModelFileName = "model.zip";
    public const string MetadataFileName = "metadata.json";
    private const string ProductionFileName = "production.json";
    private const string HistoryFileName = "promotions.jsonl";

    public string Root { get; } = Path.GetFullPath(root);

    private string VersionsFolder => Path.Combine(Root, "versions");

    /// <summary>Version numbers present, in order.</summary>
    public IReadOnlyList<int> Versions() =>
        Directory.Exists(VersionsFolder)
            ? [.. Directory.EnumerateDirectories(VersionsFolder)
                .Select(Path.GetFileName)
                .Select(n => int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(v => v > 0)
                .Order()]
            : [];

    /// <summary>The production pointer, or null when no version was promoted yet.</summary>
    public ProductionPointer? Production()
    {
        var path = Path.Combine(Root, ProductionFileName);
        return File.Exists(path) ? ReadJson(path, RegistryJsonContext.Default.ProductionPointer) : null;
    }

    /// <summary>Reads a version's metadata without loading its model.</summary>
    public ModelVersion Metadata(int version)
    {
        var path = Path.Combine(VersionFolder(version), MetadataFileName);
        if (!File.Exists(path))
        {
            throw StepException.MissingInput($"model version {version} is not in the registry", new SourceLocation(Root));
        }

        return ReadJson(path, RegistryJsonContext.Default.ModelVersion);
    }

    /// <summary>Reads a version's model file, after checking it against the checksum in its metadata.</summary>
    public (ModelVersion Metadata, byte[] Model) Load(int version)
    {
        var metadata = Metadata(version);
        var file = metadata.Model ?? throw StepException.BadData($"model version {version} has no model file in its metadata", new SourceLocation(Root));
        var path = Path.Combine(VersionFolder(version), file.File);
        if (!File.Exists(path))
        {
            throw StepException.BadData($"model version {version} is missing its model file", new SourceLocation(path));
        }

        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != file.Sha256)
        {
            throw StepException.BadData(
                $"model version {version} does not match its checksum (sha256 {actual}, registered {file.Sha256}): the file is corrupt or was changed",
                new SourceLocation(path));
        }

        return (metadata, bytes);
    }

    /// <summary>
    /// Registers a new version with the next free number; when its promotion decision says so it becomes production.
    /// </summary>
    public ModelVersion Register(ModelVersion metadata, byte[] model)
    {
        Directory.CreateDirectory(VersionsFolder);
        var staging = Path.Combine(Root, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllBytes(Path.Combine(staging, ModelFileName), model);
            var withFile = metadata with
            {
                CreatedAt = clock.GetUtcNow(),
                Model = new ModelFile(ModelFileName, Convert.ToHexStringLower(SHA256.HashData(model)), model.Length),
            };
            for (var attempt = 0; ; attempt++)
            {
                var existing = Versions();
                var version = (existing.Count == 0 ? 0 : existing[^1]) + 1;
                var registered = withFile with { Version = version };
                AtomicJsonFile.Write(Path.Combine(staging, MetadataFileName), registered, RegistryJsonContext.Default.ModelVersion);
                AttemptFence.Check();
                try
                {
                    Directory.Move(staging, VersionFolder(version));
                }
                catch (IOException) when (attempt < 100 && Directory.Exists(VersionFolder(version)))
                {
                    continue; // another trainer took this number first
                }

                if (registered.Promotion.Promoted)
                {
                    Promote(version, registered.Promotion.Reason);
                }

                return registered;
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Makes <paramref name="version"/> the production version, recording who asked (null: the trainer).</summary>
    public ProductionPointer Promote(int version, string reason, string? by = null)
    {
        _ = Metadata(version);
        var pointer = new ProductionPointer(version, clock.GetUtcNow(), reason) { PromotedBy = by };
        AtomicJsonFile.Write(Path.Combine(Root, ProductionFileName), pointer, RegistryJsonContext.Default.ProductionPointer);
        // One line per promotion, in one append (O_APPEND): concurrent promoters cannot interleave within a line.
        var line = JsonSerializer.SerializeToNode(pointer, RegistryJsonContext.Default.ProductionPointer)!.ToJsonString() + "\n";
        File.AppendAllText(Path.Combine(Root, HistoryFileName), line);
        return pointer;
    }

    /// <summary>Every promotion, oldest first (registries from before the history have none until their next one).</summary>
    public IReadOnlyList<ProductionPointer> History()
    {
        var path = Path.Combine(Root, HistoryFileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var history = new List<ProductionPointer>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                history.Add(JsonSerializer.Deserialize(line, RegistryJsonContext.Default.ProductionPointer) ?? throw new JsonException("the line holds null"));
            }
            catch (JsonException e)
            {
                throw StepException.BadData($"the promotion history is not valid: {e.Message}", new SourceLocation(path, number));
            }
        }

        return history;
    }

    /// <summary>Where the model file of <paramref name="version"/> is (whether or not it exists).</summary>
    public string ModelPath(int version) => Path.Combine(VersionFolder(version), ModelFileName);

    private string VersionFolder(int version) => Path.Combine(VersionsFolder, version.ToString("D4", CultureInfo.InvariantCulture));

    private static T ReadJson<T>(string path, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), type) ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw StepException.BadData($"the registry file is not valid: {e.Message}", new SourceLocation(path));
        }
    }
}
