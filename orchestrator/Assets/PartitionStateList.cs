using System.Globalization;

namespace Pipeline.Orchestrator.Assets;

/// <summary>
/// Every day partition of an asset in a key range as two parallel lists, grouped by state (by name, as the state
/// index orders them) and oldest first within a state: each day as <see cref="DateOnly.DayNumber"/> and its state.
/// What a calendar of the asset draws; plain lists rather than a <see cref="PartitionView"/> each, because an asset
/// may have 100,000 of them.
/// </summary>
public sealed record PartitionStateList(IReadOnlyList<int> Days, IReadOnlyList<string> States)
{
    /// <summary>
    /// The states a calendar shows: the catalog's, and <c>running</c>, which the catalog does not record yet but a
    /// calendar already draws.
    /// </summary>
    public static readonly IReadOnlyList<string> Known = [.. PartitionStates.All, "running"];

    /// <summary>The <see cref="DateOnly.DayNumber"/> of a <c>yyyy-MM-dd</c> key; null for any other key (a model's version).</summary>
    public static int? DayNumber(string key)
    {
        // Not DateOnly.TryParseExact: this runs once per partition, 100,000 times for a long history.
        if (key.Length != 10 || key[4] != '-' || key[7] != '-'
            || !int.TryParse(key.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(key.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(key.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateOnly(year, month, day).DayNumber;
    }
}
