using System.Globalization;
using System.Runtime.InteropServices;
using Pipeline.Benchmarks.Ingest;

namespace Pipeline.Benchmarks.PgLoad;

/// <summary>Prints the medians of <c>pg-load</c>'s cases, the COPY / INSERT ratio and the verdict on the target.</summary>
internal static class PgLoadTable
{
    private const double TargetRowsPerSecond = 200_000;

    public static void Write(TextWriter output, int rows, int repeat, string serverVersion, IReadOnlyList<PgLoadCase> cases)
    {
        var rounds = repeat == 1 ? "1 round" : $"median of {repeat} rounds";
        output.WriteLine();
        output.WriteLine(Invariant($"PostgreSQL load: {rows:N0} rows, {rounds}, PostgreSQL {serverVersion} (fsync on), {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}"));
        output.WriteLine();
        output.WriteLine($"  {"",-40}{"seconds",10}{"rows/s",12}");
        foreach (var load in cases)
        {
            var seconds = SideMedian.Median(load.Seconds);
            output.WriteLine(Invariant($"  {load.Label,-40}{seconds,10:F2}{rows / seconds,12:N0}"));
        }

        var copy = SideMedian.Median(cases[0].Seconds);
        var insert = SideMedian.Median(cases[^1].Seconds);
        var verdict = rows / copy >= TargetRowsPerSecond ? "meets" : "misses";
        output.WriteLine();
        output.WriteLine(Invariant($"COPY (new run) is {insert / copy:F1}x the INSERT rate; it {verdict} the target of {TargetRowsPerSecond:N0} rows/s"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
