using System.Runtime.InteropServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Rows of chunks set aside on disk, as they are in memory (raw columns, no encoding), when the memory budget is
/// reached while the input keeps coming back to the same days (rows grouped by sensor, one file per device): writing
/// such a chunk as a finished file would read it back and write it again at every return, which grew with the square
/// of the input. A chunk's spilled rows are read back once, when it is written for good. The files live in a hidden
/// folder of the staging output and are gone before it is published.
/// </summary>
internal sealed class ChunkSpill(string stagingDirectory, int valueCount, int textCount)
{
    private readonly string _folder = Path.Combine(stagingDirectory, ".spill");
    private readonly HashSet<int> _spilled = [];
    private readonly Lock _gate = new();

    /// <summary>Bytes set aside so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>Appends <paramref name="rows"/> to chunk <paramref name="chunk"/>'s spill file.</summary>
    public void Append(int chunk, RowBuffer rows)
    {
        Directory.CreateDirectory(_folder);
        using var stream = new FileStream(PathOf(chunk), FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16);
        var appendedFrom = stream.Position;
        for (var start = 0; start < rows.Count; start += RowSegment.Rows)
        {
            var segment = rows.SegmentOf(start, out _);
            var count = Math.Min(RowSegment.Rows, rows.Count - start);
            stream.Write(BitConverter.GetBytes(count));
            EachColumn(segment, count, bytes => stream.Write(bytes));
        }

        lock (_gate)
        {
            _spilled.Add(chunk);
            Bytes += stream.Position - appendedFrom;
        }
    }

    /// <summary>Whether chunk <paramref name="chunk"/> has rows set aside.</summary>
    public bool Holds(int chunk)
    {
        lock (_gate)
        {
            return _spilled.Contains(chunk);
        }
    }

    /// <summary>Moves chunk <paramref name="chunk"/>'s spilled rows (if any) into <paramref name="into"/> and deletes its file.</summary>
    public void TakeInto(int chunk, RowBuffer into)
    {
        lock (_gate)
        {
            if (!_spilled.Remove(chunk))
            {
                return;
            }
        }

        var path = PathOf(chunk);
        var block = new RowSegment(valueCount, textCount);
        Span<byte> header = stackalloc byte[4];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16))
        {
            while (stream.Read(header) == header.Length)
            {
                var count = BitConverter.ToInt32(header);
                EachColumn(block, count, bytes => stream.ReadExactly(bytes));
                into.AddRows(block, count);
            }
        }

        File.Delete(path);
    }

    /// <summary>Removes the spill folder (every chunk has been written for good, or the run failed).</summary>
    public void Delete()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// The columns of <paramref name="segment"/>'s first <paramref name="count"/> rows as bytes, in the one order they
    /// are written in and read back in.
    /// </summary>
    private void EachColumn(RowSegment segment, int count, Action<Span<byte>> column)
    {
        column(MemoryMarshal.AsBytes(segment.Order.AsSpan(0, count)));
        column(MemoryMarshal.AsBytes(segment.Sensor.AsSpan(0, count)));
        column(MemoryMarshal.AsBytes(segment.Ticks.AsSpan(0, count)));
        column(MemoryMarshal.AsBytes(segment.Day.AsSpan(0, count)));
        column(MemoryMarshal.AsBytes(segment.Values.AsSpan(0, count * valueCount)));
        column(MemoryMarshal.AsBytes(segment.Texts.AsSpan(0, count * textCount)));
    }

    private string PathOf(int chunk) => Path.Combine(_folder, $"chunk-{chunk}.rows");
}
