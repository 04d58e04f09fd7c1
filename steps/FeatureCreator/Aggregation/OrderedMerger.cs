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
                // The days before this file's are handed over before it is merged: they are complete, and the file's
                // sensor-days then start an empty table (see FeatureAggregate.Merge).
                if (windows?.Before(FeatureAggregate.EarliestDay(ready), target) == false)
                {
                    return false;
                }

                target.Merge(ready);
                _pending[_next++] = null;
            }

            return true;
        }
    }
}
