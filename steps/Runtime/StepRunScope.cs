using System.Collections;
using System.Globalization;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.Runtime;

/// <summary>
/// Logger scope naming the run, step and attempt (<see cref="RunAttempt"/>, from <c>PIPELINE_RUN_ID</c>,
/// <c>PIPELINE_STEP_ID</c> and <c>PIPELINE_ATTEMPT</c>), so every log line of an attempt says which one it belongs to, also when the logs of many
/// attempts are collected in one place.
/// </summary>
/// <remarks>
/// A list of pairs rather than a dictionary: the JSON console formatter writes such a scope as an object of its
/// pairs plus <c>Message</c> = <see cref="ToString"/>, which for a dictionary would be its type name.
/// </remarks>
internal sealed class StepRunScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items;

    private StepRunScope(KeyValuePair<string, object?>[] items) => _items = items;

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    /// <summary>The scope of the run attempt's variables that are set; null when none is (a step run by hand).</summary>
    public static StepRunScope? From(RunAttempt? run)
    {
        if (run is null)
        {
            return null;
        }

        var items = new List<KeyValuePair<string, object?>>(3);
        Add("RunId", run.RunId);
        Add("StepId", run.StepId);
        // A number stays a number in the JSON, so log queries can compare attempts.
        Add("Attempt", run.Attempt);
        return new StepRunScope([.. items]);

        void Add(string key, object? value)
        {
            if (value is not null)
            {
                items.Add(new(key, value));
            }
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        string.Join(", ", _items.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value}")));
}
