using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Every partition of an asset in a day range, run-length encoded for drawing a calendar: run <c>i</c> is
/// <c>lengths[i]</c> consecutive days from <c>starts[i]</c>, all in state <c>states[codes[i]]</c>; <c>counts</c> by
/// state and <c>total</c> count the partitions in the range. Days in no run have no partition. Parallel arrays rather than an
/// object per day or run, so 100,000 days stay a small answer that is quick to write and to read.
/// </summary>
public sealed record PartitionGridView(
    string Asset,
    string? From,
    string? To,
    List<string> States,
    Dictionary<string, long> Counts,
    long Total,
    List<string> Starts,
    List<int> Lengths,
    List<int> Codes);

/// <summary>
/// The first rows of a partition's Parquet files: columns (name, type), rows as arrays of JSON values in column
/// order, the files read (names in the partition's folder), and <c>more</c> when rows were left unread.
/// </summary>
public sealed record PartitionPreviewView(string Asset, string Key, int Limit, List<PreviewColumnView> Columns, List<JsonArray> Rows, List<string> Files, bool More);

/// <summary>
/// An asset's sensors table: one row per sensor with its attributes (the columns that never change within a
/// sensor: location, coordinates, type), the first and last day it was seen and on how many days its attributes
/// changed; <see cref="More"/> when sensors were left out by the limit.
/// </summary>
public sealed record SensorTableView(string Asset, int Limit, List<PreviewColumnView> Columns, List<JsonArray> Rows, bool More);

/// <summary>A column of a preview: its name and the .NET type its values were read as (<c>Double</c>, <c>String</c>, <c>DateTime</c>).</summary>
public sealed record PreviewColumnView(string Name, string Type);

/// <summary>The asset graph: every asset, and every step (by workflow) that made partitions of some from partitions of others.</summary>
public sealed record AssetGraphView(List<string> Assets, List<AssetGraphStepView> Steps);

/// <summary>
/// A step in the asset graph: the assets it read partitions of (<c>inputs</c>) and made partitions of
/// (<c>outputs</c>). <c>workflow</c> is null when the runs that made them are not known.
/// </summary>
public sealed record AssetGraphStepView(string? Workflow, string? Step, List<string> Inputs, List<string> Outputs);
