using Parquet;
using Pipeline.Steps.FeatureCreator.Reading;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.FeatureCreator.Input;

/// <summary>Decides which value columns to aggregate: the <c>--columns</c> asked for, checked against those available.</summary>
internal static class ColumnSelector
{
    public static async Task<IReadOnlyList<string>> SelectAsync(InputPlan plan, string[]? requested, CancellationToken cancellationToken)
    {
        var available = plan.DeclaredValueColumns ?? await FromFirstFileAsync(plan.Files[0], cancellationToken);
        if (requested is not { Length: > 0 })
        {
            return available.Count > 0
                ? available
                : throw StepException.BadData("the input has no value columns (nullable double columns besides the keys)", new SourceLocation(plan.Files[0]));
        }

        var unknown = requested.Where(c => !available.Contains(c, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw StepException.BadOption(
                $"--columns: unknown value column(s) {string.Join(", ", unknown)}; available: {string.Join(", ", available)}");
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> FromFirstFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await ParquetReader.CreateAsync(path, null, cancellationToken);
            return ChunkLayout.GuessValueColumns(reader.Schema);
        }
        catch (Exception e) when (e is not (OperationCanceledException or FileNotFoundException or UnauthorizedAccessException))
        {
            throw new StepException(StepExitCodes.DataError, $"not a readable Parquet file: {e.Message}", new SourceLocation(path), e);
        }
    }
}
