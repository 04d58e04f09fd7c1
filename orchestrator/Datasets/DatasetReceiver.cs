using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Pipeline.Orchestrator.Engine.Execution;
using Pipeline.Steps.Formats;
using Pipeline.Steps.SensorCsv.Inspection;

namespace Pipeline.Orchestrator.Datasets;

/// <summary>
/// Receives a dataset's bytes: streams them to a temporary file in the datasets folder while hashing and counting
/// (never more than <see cref="DatasetsOptions.MaxBytes"/>), refuses content already received, profiles it with the
/// Chunker's own reader, then renames it into <c>{id}/{name}</c> and records it. A failure leaves no file behind
/// (a server killed mid-upload leaves a partial one in <c>.incoming</c>, removed at a later start); the id is the start of the content's SHA-256, so a retry after a crash lands on the same place.
/// </summary>
public sealed class DatasetReceiver(DatasetsOptions options, EngineOptions engine, IDatasetStore datasets, DatasetTriggers triggers, TimeProvider time)
{
    private const int IdLength = 16;

    public long MaxBytes => options.MaxBytes;

    /// <summary>The folder datasets are kept in (full path).</summary>
    public string Folder { get; } = Path.GetFullPath(options.Directory ?? Path.Combine(engine.DataRoot, "datasets"));

    public async Task<DatasetIntake> ReceiveAsync(Stream content, DatasetArrival arrival, CancellationToken cancellationToken)
    {
        var incoming = Path.Combine(Folder, ".incoming");
        Directory.CreateDirectory(incoming);
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            if (await CopyHashedAsync(content, temporary, cancellationToken) is not var (sha256, bytes))
            {
                return new DatasetIntake.TooLarge(options.MaxBytes);
            }

            if (await datasets.FindBySha256Async(sha256, cancellationToken) is { } existing)
            {
                return new DatasetIntake.Duplicate(existing);
            }

            DatasetProfile profile;
            try
            {
                profile = await DatasetInspector.InspectAsync(temporary, arrival.TimeZone, arrival.Name, cancellationToken);
            }
            catch (StepException e)
            {
                return new DatasetIntake.Unreadable(e.Location is { } where ? $"{where}: {e.Message}" : e.Message);
            }

            var record = Record(sha256, bytes, profile, arrival);
            Directory.CreateDirectory(Path.GetDirectoryName(record.Path)!);
            File.Move(temporary, record.Path, overwrite: true);
            (DatasetRecord Stored, bool Added) outcome;
            try
            {
                outcome = await datasets.AddAsync(record, cancellationToken);
            }
            catch
            {
                // Not recorded (the database failed): no file may stay without its record.
                File.Delete(record.Path);
                throw;
            }

            var (stored, added) = outcome;
            if (!added)
            {
                // The same bytes arrived at the same moment through another request: that one is kept.
                if (!string.Equals(stored.Path, record.Path, StringComparison.Ordinal))
                {
                    File.Delete(record.Path);
                }

                return new DatasetIntake.Duplicate(stored);
            }

            // Recorded now: its triggers fire whatever becomes of the request (a client that hangs up after sending
            // the last byte still gets its runs; the start-up sweep covers a server that stops here).
            var runs = arrival.Trigger ? await triggers.FireAsync(stored, CancellationToken.None) : [];
            return new DatasetIntake.Stored(stored, runs);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Removes a dataset's folder (after its record is gone). The folder is first renamed aside, so a re-upload of
    /// the same bytes arriving meanwhile makes a fresh folder rather than losing its file to this delete.
    /// </summary>
    public void DeleteFiles(DatasetRecord dataset)
    {
        var folder = Path.GetDirectoryName(dataset.Path)!;
        // Only ever a folder this receiver made: one level below the datasets folder.
        if (!string.Equals(Path.GetDirectoryName(folder), Folder, StringComparison.Ordinal) || !Directory.Exists(folder))
        {
            return;
        }

        var aside = Path.Combine(Folder, $".deleted-{Path.GetFileName(folder)}-{Guid.NewGuid():N}");
        Directory.Move(folder, aside);
        Directory.Delete(aside, recursive: true);
    }

    /// <summary>
    /// Removes what a stopped server left: partial uploads in <c>.incoming</c> and folders renamed aside for deletion.
    /// Only files older than a day, since another server sharing the data root may be receiving right now.
    /// </summary>
    public void RemoveLeftovers()
    {
        var before = time.GetUtcNow().AddDays(-1).UtcDateTime;
        var incoming = Path.Combine(Folder, ".incoming");
        if (Directory.Exists(incoming))
        {
            foreach (var file in new DirectoryInfo(incoming).EnumerateFiles().Where(f => f.LastWriteTimeUtc < before))
            {
                file.Delete();
            }
        }

        if (Directory.Exists(Folder))
        {
            foreach (var aside in new DirectoryInfo(Folder).EnumerateDirectories(".deleted-*").Where(d => d.LastWriteTimeUtc < before))
            {
                aside.Delete(recursive: true);
            }
        }
    }

    /// <summary>The content's SHA-256 (lower-case hex) and size, or null when it is over the limit.</summary>
    private async Task<(string Sha256, long Bytes)?> CopyHashedAsync(Stream content, string file, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long total = 0;
        try
        {
            await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > options.MaxBytes)
                {
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            // On disk before it is recorded: a crash after the record must not leave a short file behind it.
            output.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }

    private DatasetRecord Record(string sha256, long bytes, DatasetProfile profile, DatasetArrival arrival)
    {
        var id = sha256[..IdLength];
        return new DatasetRecord
        {
            Id = id,
            Name = arrival.Name,
            Sha256 = sha256,
            Bytes = bytes,
            Path = Path.Combine(Folder, id, arrival.Name),
            SourceUrl = arrival.SourceUrl,
            TimeZone = profile.Schema.TimeZone,
            SchemaJson = JsonSerializer.Serialize(profile.Schema, DatasetsJsonContext.Default.SchemaReport),
            Rows = profile.Rows,
            GoodRows = profile.GoodRows,
            Sensors = profile.Sensors,
            FirstDay = profile.FirstDay,
            LastDay = profile.LastDay,
            ProblemsJson = JsonSerializer.Serialize(profile.Problems, DatasetsJsonContext.Default.IReadOnlyListDatasetProblem),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = arrival.CreatedBy,
            // Not to be fired: marked handled as it is stored, so no start-up sweep fires it later.
            TriggersFiredAt = arrival.Trigger ? null : time.GetUtcNow(),
        };
    }
}
