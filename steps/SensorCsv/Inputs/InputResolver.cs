using Microsoft.Extensions.FileSystemGlobbing;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>Expands the --input values (files, folders, globs, URLs) into an ordered list of sources.</summary>
internal static class InputResolver
{
    private static readonly string[] FolderPatterns = ["**/*.csv", "**/*.csv.gz", "**/*.tsv", "**/*.tsv.gz", "**/*.txt", "**/*.txt.gz"];

    public static IReadOnlyList<InputSource> Resolve(IEnumerable<string> inputs)
    {
        var sources = new List<InputSource>();
        foreach (var input in inputs)
        {
            if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                sources.Add(new InputSource(input, IsUrl: true));
            }
            else if (File.Exists(input))
            {
                sources.Add(new InputSource(Path.GetFullPath(input), IsUrl: false));
            }
            else if (Directory.Exists(input))
            {
                sources.AddRange(Match(Path.GetFullPath(input), FolderPatterns, input));
            }
            else if (input.AsSpan().IndexOfAny('*', '?') >= 0)
            {
                var (root, pattern) = SplitGlob(input);
                sources.AddRange(Match(root, [pattern], input));
            }
            else
            {
                throw StepException.MissingInput("input not found", new SourceLocation(input));
            }
        }

        // The same file named twice (a folder and a glob, say) is read once.
        return sources.DistinctBy(s => s.Location, StringComparer.Ordinal).ToList();
    }

    private static List<InputSource> Match(string root, string[] patterns, string input)
    {
        if (!Directory.Exists(root))
        {
            throw StepException.MissingInput("input folder not found", new SourceLocation(root));
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(patterns);
        var files = matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw StepException.MissingInput("no CSV files match", new SourceLocation(input));
        }

        return files.ConvertAll(f => new InputSource(f, IsUrl: false));
    }

    /// <summary>The glob's fixed leading folders become the root; the rest is the pattern.</summary>
    private static (string Root, string Pattern) SplitGlob(string input)
    {
        var full = Path.GetFullPath(input);
        var firstWild = full.AsSpan().IndexOfAny('*', '?');
        var cut = full.LastIndexOf(Path.DirectorySeparatorChar, firstWild);
        return (full[..cut], full[(cut + 1)..]);
    }
}
