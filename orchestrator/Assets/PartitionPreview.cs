using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// The first rows of a partition's Parquet files: the columns (name and Parquet type, from the first file), the rows
/// as JSON values in that column order, and the files read, by name within the partition's folder.
/// </summary>
public sealed record PartitionPreview(IReadOnlyList<PreviewColumn> Columns, IReadOnlyList<JsonArray> Rows, IReadOnlyList<string> Files, bool More);

/// <summary>A column of a preview: its name and its values' .NET type as Parquet.Net reads them (<c>Double</c>, <c>String</c>).</summary>
public sealed record PreviewColumn(string Name, string Type);
