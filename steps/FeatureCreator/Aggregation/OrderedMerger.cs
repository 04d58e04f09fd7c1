namespace Pipeline.Steps.FeatureCreator.Aggregation;

/// <summary>
/// Merges per-file partials in file order, whatever order the workers finish in: floating-point sums depend on
/// their order, and the output must be byte-identical from run to run. Only partials that finished ahead of a
/// slower file wait here, so memory stays bounded by the workers' lead, not by the input. With
/// <paramref name="windows"/>, the days each merge completes are handed over at once (<see cref="DayWindows"/>).
/// </summary>
internal sealed class OrderedMerger(int files, FeatureAggregate target, DayWindows? windows = null)
{
    private readonly PartialAggregate?[] _pending = new PartialAggregate?[files];
    private readonly Lock _gate = new();
    private int _next;

    public FeatureAggregate Target => target;

    /// <summary>Takes file <paramref name="index"/>'s partial; false once the files broke the day order (see <see cref="DayWindows"/>).</summary>
    public bool Complete(int index, PartialAggregate partial)
    {
        lock (_gate)
        {
            _pending[index] = partial;
            while (_next < _pending.Length && _pending[_next] is { } ready)
            {
                var earliest = windows is null ? null : FeatureAggregate.EarliestDay(ready);
                target.Merge(ready);
                _pending[_next++] = null;
                if (windows?.Merged(earliest, target) == false)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
