using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using DuckDB.NET.Data;
using Pipeline.Benchmarks.Cli;
using Pipeline.Benchmarks.Ingest;
using Pipeline.Benchmarks.Orchestration;
using Pipeline.Steps.SensorCsv.Inspection;

namespace Pipeline.Benchmarks.Datasets;

/// <summary>
/// <c>datasets --rows N [--repeat 3]</c>: uploads a synthetic sensor CSV to the real server over HTTP (streamed to the
/// data root, hashed, profiled by the Chunker's reader, recorded) and compares it in the same run with DuckDB reading
/// the same file (<c>count(*)</c> over <c>read_csv</c>, types sniffed and every row parsed), with the profile alone
/// (<see cref="DatasetInspector"/> in-process), and with the floor of copying and hashing the bytes.
/// </summary>
internal static class DatasetsCommand
{
    public static async Task<int> RunAsync(CommandArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var rows = arguments.Int64("rows", 1) ?? 2_000_000;
        var repeat = arguments.Int32("repeat", 1) ?? 3;
        var work = Path.GetFullPath(arguments.String("work-dir") ?? Path.Combine(".work", "bench"));
        arguments.EnsureAllUsed();

        var csv = CsvCache.Ensure(work, rows, output, cancellationToken);
        var folder = Path.Combine(work, "datasets-server");
        try
        {
            await using (var server = await KeyedServer.StartAsync(folder, new Dictionary<string, string?>(), cancellationToken))
            {
                var http = server.Http;
                var upload = new List<double>();
                var profile = new List<double>();
                var duckDb = new List<double>();
                var floor = new List<double>();
                for (var round = 1; round <= repeat; round++)
                {
                    var id = "";
                    upload.Add(await TimeAsync(async () => id = await UploadAsync(http, csv, round, cancellationToken)));
                    (await http.DeleteAsync(new Uri($"/api/datasets/{id}", UriKind.Relative), cancellationToken)).EnsureSuccessStatusCode();
                    profile.Add(await TimeAsync(() => DatasetInspector.InspectAsync(csv, null, "bench.csv", cancellationToken)));
                    duckDb.Add(await TimeAsync(() => DuckDbCountAsync(csv, rows, cancellationToken)));
                    floor.Add(await TimeAsync(() => CopyAndHashAsync(csv, Path.Combine(folder, "copy.csv"), cancellationToken)));
                    output.WriteLine(Invariant($"round {round}/{repeat}: upload {upload[^1]:F2} s, profile {profile[^1]:F2} s, DuckDB {duckDb[^1]:F2} s, copy+hash {floor[^1]:F2} s"));
                }

                var bytes = new FileInfo(csv).Length;
                output.WriteLine(Invariant($"""
                    Dataset upload of {rows:N0} rows ({bytes / 1e6:N0} MB), medians of {repeat}, {Environment.ProcessorCount} cores
                      POST /api/datasets (stream, hash, profile, record)   {Median(upload),7:F2} s   {bytes / 1e6 / Median(upload),6:N0} MB/s
                        of which the profile (DatasetInspector alone)     {Median(profile),7:F2} s
                      DuckDB count(*) over read_csv (same file)           {Median(duckDb),7:F2} s   ratio upload / DuckDB {Median(upload) / Median(duckDb):F2}
                      floor: copy + SHA-256 of the bytes                  {Median(floor),7:F2} s
                    """));
            }

            return ExitCodes.Success;
        }
        finally
        {
            IngestFiles.Delete(folder);
        }
    }

    /// <summary>Uploads the file, then removes the dataset (untimed), so the next round's same bytes are not a duplicate.</summary>
    private static async Task<string> UploadAsync(HttpClient http, string csv, int round, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(csv);
        using var content = new StreamContent(file, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync(new Uri(Invariant($"/api/datasets?name=bench-{round}.csv&trigger=false"), UriKind.Relative), content, cancellationToken);
        if ((int)response.StatusCode != 201)
        {
            throw new SideFailedException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var dataset = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return dataset.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task DuckDbCountAsync(string csv, long rows, CancellationToken cancellationToken)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_csv('{csv.Replace("'", "''", StringComparison.Ordinal)}', nullstr = 'NA')";
        var counted = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (counted != rows)
        {
            throw new SideFailedException(Invariant($"DuckDB counted {counted} rows, not {rows}"));
        }
    }

    private static async Task CopyAndHashAsync(string source, string target, CancellationToken cancellationToken)
    {
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(target))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        File.Delete(target);
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
