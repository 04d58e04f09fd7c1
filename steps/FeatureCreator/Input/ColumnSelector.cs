using Parquet;
using Parquet.Schema;
using Pipeline.Steps.FeatureCreator.Reading;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.FeatureCreator.Input;

/// <summary>
/// The input's columns: its value columns (the upstream manifest's, or the first file's nullable doubles) and text
/// columns (candidates for sensor attributes), and the <c>--columns</c> asked for, checked against those available.
/// </summary>
internal static class ColumnSelector
{
    public static async Task<(IReadOnlyList<string> Values, IReadOnlyList<string> Texts)> AvailableAsync(InputPlan plan, CancellationToken cancellationToken)
    {
        var schema = await SchemaAsync(plan.Files[0], cancellationToken);
        return (plan.DeclaredValueColumns ?? ChunkLayout.GuessValueColumns(schema), ChunkLayout.GuessTextColumns(schema));
    }

    public static IReadOnlyList<string> Select(IReadOnlyList<string> available, string[]? requested, string firstFile)
    {
        if (requested is not { Length: > 0 })
        {
            return available.Count > 0
                ? available
                : throw StepException.BadData("the input has no value columns (nullable double columns besides the keys)", new SourceLocation(firstFile));
        }

        var unknown = requested.Where(c => !available.Contains(c, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw StepException.BadOption(
                $"--columns: unknown value column(s) {string.Join(", ", unknown)}; available: {string.Join(", ", available)}");
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<ParquetSchema> SchemaAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(path, null, cancellationToken);
            return reader.Schema;
        }
        catch (Exception e) when (e is not (OperationCanceledException or FileNotFoundException or UnauthorizedAccessException))
        {
            throw new StepException(StepExitCodes.DataError, $"not a readable Parquet file: {e.Message}", new SourceLocation(path), e);
        }
    }
}
