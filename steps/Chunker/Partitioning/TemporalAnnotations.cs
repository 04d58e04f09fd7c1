using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;

namespace Pipeline.Steps.Chunker.Partitioning;

/// <summary>
/// Lets the chunk writer hand Parquet.Net the timestamp and date columns as plain INT64 microseconds and INT32 days,
/// then gives them back their TIMESTAMP and DATE annotations in the file footer before it is written. Parquet.Net
/// 6.1 accepts only DateTime values for a timestamp or date field and encodes those one value at a time (about a
/// tenth of the Chunker's CPU); integers it encodes in bulk. The annotations copied in are the ones Parquet.Net
/// itself makes for the declared fields, so readers see the same file schema as before.
/// </summary>
/// <remarks>
/// Parquet.Net has no public hook for this: the footer and its schema encoder are internal, reached here by
/// reflection. The lookups are checked once, at construction, so a Parquet.Net upgrade that moves them fails the
/// first chunk (and the tests) at once instead of writing unannotated files.
/// </remarks>
internal sealed class TemporalAnnotations
{
    private const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;

    private static readonly FieldInfo WriterFooter = FindWriterFooter();

    private static readonly FieldInfo FooterMetadata = FindFooterMetadata();

    private static readonly MethodInfo EncodeField = FindEncodeField();

    private readonly Dictionary<string, SchemaElement> _annotated = new(StringComparer.Ordinal);

    /// <param name="declared">The fields as readers should see them (a DateTime timestamp and date).</param>
    /// <param name="options">The options the file is written with.</param>
    public TemporalAnnotations(IEnumerable<DataField> declared, ParquetOptions options)
    {
        foreach (var field in declared)
        {
            _annotated[field.Name] = (SchemaElement)EncodeField.Invoke(null, [field, options])!;
        }
    }

    /// <summary>Microseconds since the Unix epoch of a UTC tick count: the value of a TIMESTAMP(MICROS) column.</summary>
    public static long UnixMicros(long ticks) => (ticks - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000);

    /// <summary>Days since the Unix epoch of a day number counted from 0001-01-01: the value of a DATE column.</summary>
    public static int UnixDays(int day) => day - (int)(DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerDay);

    /// <summary>Puts the declared annotations on the footer's schema elements; call after the last row group.</summary>
    public void Apply(ParquetWriter writer)
    {
        var metadata = (FileMetaData)FooterMetadata.GetValue(WriterFooter.GetValue(writer))!;
        var applied = 0;
        foreach (var element in metadata.Schema)
        {
            if (element.Name is { } name && _annotated.TryGetValue(name, out var annotated))
            {
                if (element.Type != annotated.Type)
                {
                    throw new InvalidOperationException($"column '{name}' is written as {element.Type}, its annotation needs {annotated.Type}");
                }

                element.LogicalType = annotated.LogicalType;
                element.ConvertedType = annotated.ConvertedType;
                applied++;
            }
        }

        if (applied != _annotated.Count)
        {
            throw new InvalidOperationException($"annotated {applied} of {_annotated.Count} temporal columns in the footer");
        }
    }

    // The internals are named in DynamicDependency so that a step compiled ahead of time (trimmed) keeps them; the
    // trimming warnings about reflecting over unannotated types are answered by that, and by the checks above.
    [DynamicDependency("_footer", typeof(ParquetWriter))]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ParquetWriter._footer is kept by the DynamicDependency above.")]
    private static FieldInfo FindWriterFooter() =>
        typeof(ParquetWriter).GetField("_footer", Private) ?? throw Missing("ParquetWriter._footer");

    [DynamicDependency("_fileMeta", "Parquet.File.ThriftFooter", "Parquet")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "ThriftFooter._fileMeta is kept by the DynamicDependency above.")]
    private static FieldInfo FindFooterMetadata() =>
        WriterFooter.FieldType.GetField("_fileMeta", Private) ?? throw Missing("ThriftFooter._fileMeta");

    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicMethods, "Parquet.Encodings.SchemaEncoder", "Parquet")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Parquet.Encodings.SchemaEncoder is kept by the DynamicDependency above.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "SchemaEncoder's public methods are kept by the DynamicDependency above.")]
    private static MethodInfo FindEncodeField() =>
        typeof(ParquetWriter).Assembly.GetType("Parquet.Encodings.SchemaEncoder")
            ?.GetMethod("Encode", BindingFlags.Static | BindingFlags.Public, [typeof(DataField), typeof(ParquetOptions)])
            ?? throw Missing("SchemaEncoder.Encode(DataField, ParquetOptions)");

    private static InvalidOperationException Missing(string member) =>
        new($"Parquet.Net internals changed: {member} not found; the chunk writer cannot annotate its temporal columns");
}
