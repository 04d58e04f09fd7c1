using System.Text.RegularExpressions;

namespace Pipeline.Orchestrator.DockerRunner;

/// <summary>
/// Whether an <c>image</c> step's image is allowed: whatever <c>Runner:Docker:AllowedImages</c> matches (a step
/// program's own image, <c>Runner:Docker:Images</c>, is run as a <c>program</c> step, never as an image step), where <c>*</c> stands for any characters but <c>/</c>
/// (and whitespace or control characters), so <c>pipeline/*</c> allows <c>pipeline/chunker:local</c> but not
/// <c>pipeline/other/x</c>. References are compared as written: <c>busybox</c> and <c>docker.io/library/busybox</c>
/// are different entries.
/// </summary>
public static class ImageAllowList
{
    public const string Setting = "Runner:Docker:AllowedImages";

    public static bool Allows(DockerRunnerOptions options, string image)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(image);
        return options.AllowedImages.Any(pattern => Matches(pattern, image));
    }

    public static bool Matches(string pattern, string image)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, image, StringComparison.Ordinal);
        }

        // No image reference holds whitespace or a control character, so a star never stands for one (a trailing
        // newline in particular, which '$' would also have let through).
        var regex = "^" + string.Join("[^/\\s\\p{C}]*", pattern.Split('*').Select(Regex.Escape)) + "\\z";
        return Regex.IsMatch(image, regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
