using System.Runtime.InteropServices;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Rows of one chunk moved out of memory when the buffered rows exceed the memory budget: appended as raw column
/// blocks, read back once when the chunk is written. This keeps memory bounded however large the input is.
/// </summary>
internal sealed class SpillFile(string path)
{
    public long Bytes { get; private set; }

    public void Append(RowBuffer rows)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new BinaryWriter(stream);
        writer.Write(rows.Count);
        writer.Write(MemoryMarshal.AsBytes(rows.Order));
        writer.Write(MemoryMarshal.AsBytes(rows.Sensor));
        writer.Write(MemoryMarshal.AsBytes(rows.Ticks));
        writer.Write(MemoryMarshal.AsBytes(rows.Day));
        writer.Write(MemoryMarshal.AsBytes(rows.Values));
        writer.Write(MemoryMarshal.AsBytes(rows.Texts));
        Bytes += (long)rows.Count * rows.RowBytes;
    }

    /// <summary>Appends every spilled row to <paramref name="into"/> and deletes the file.</summary>
    public void ReadInto(RowBuffer into)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16))
        using (var reader = new BinaryReader(stream))
        {
            while (stream.Position < stream.Length)
            {
                var count = reader.ReadInt32();
                var first = into.Reserve(count);
                Read(stream, MemoryMarshal.AsBytes(into.Order[first..]));
                Read(stream, MemoryMarshal.AsBytes(into.Sensor[first..]));
                Read(stream, MemoryMarshal.AsBytes(into.Ticks[first..]));
                Read(stream, MemoryMarshal.AsBytes(into.Day[first..]));
                Read(stream, MemoryMarshal.AsBytes(into.Values[(first * into.ValueCount)..]));
                Read(stream, MemoryMarshal.AsBytes(into.Texts[(first * into.TextCount)..]));
            }
        }

        File.Delete(path);
    }

    private static void Read(Stream stream, Span<byte> target) => stream.ReadExactly(target);
}
