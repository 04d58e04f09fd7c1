using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Steps.Formats;
using Pipeline.Steps.Formats.Manifest;

namespace Pipeline.Steps.Features;

/// <summary>
/// A published step output read as an input: the folder's <c>_manifest.json</c> must say <c>succeeded</c>, and
/// its file list is what is read. A folder with only <c>_failure.json</c> is a failed upstream run.
/// </summary>
public sealed record UpstreamOutput(string Folder, StepManifest Manifest, InputRecord Record)
{
    public static UpstreamOutput Read(string input)
    {
        var folder = Path.GetFullPath(input);
        var path = Path.Combine(folder, ManifestFiles.Manifest);
        if (!File.Exists(path))
        {
            if (File.Exists(Path.Combine(folder, ManifestFiles.Failure)))
            {
                throw StepException.BadData("the upstream step failed and published no output", new SourceLocation(Path.Combine(folder, ManifestFiles.Failure)));
            }

            throw StepException.MissingInput(Directory.Exists(folder) ? $"no {ManifestFiles.Manifest} in the input folder" : "input not found", new SourceLocation(input));
        }

        var bytes = File.ReadAllBytes(path);
        StepManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, ManifestJsonContext.Default.StepManifest) ?? throw new JsonException("the manifest is null");
        }
        catch (JsonException e)
        {
            throw StepException.BadData($"the upstream manifest is not valid: {e.Message}", new SourceLocation(path));
        }

        if (manifest.Status != "succeeded")
        {
            throw StepException.BadData($"the upstream manifest has status '{manifest.Status}', not 'succeeded'", new SourceLocation(path));
        }

        return new UpstreamOutput(folder, manifest, new InputRecord(path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    /// <summary>The full path of the listed output named <paramref name="fileName"/>.</summary>
    public string PathOf(string fileName)
    {
        var listed = Manifest.Outputs.FirstOrDefault(o => o.Path == fileName)
            ?? throw StepException.BadData($"the upstream manifest lists no {fileName}", new SourceLocation(Record.Path));
        return FullPath(listed.Path);
    }

    /// <summary>
    /// The full path of a file the manifest lists; one that would resolve outside the folder (<c>../</c>, an
    /// absolute path) is refused: a manifest is input, and input can be bad.
    /// </summary>
    public string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(Folder, relative));
        if (!full.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw StepException.BadData($"the upstream manifest lists a file outside its folder: {relative}", new SourceLocation(Record.Path));
        }

        return full;
    }
}
