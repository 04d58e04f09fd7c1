using System.Collections;
using Pipeline.Steps.ClusterPredict.Storage;

namespace Pipeline.Steps.Tests.ClusterPredict.Storage;

/// <summary>Rows that cancel a token once the reader has taken <c>cancelAfter</c> of them: a cancellation mid-COPY.</summary>
public sealed class CancellingRowCollection(IReadOnlyList<PredictionRow> rows, int cancelAfter, CancellationTokenSource cancellation)
    : IReadOnlyCollection<PredictionRow>
{
    public int Count => rows.Count;

    public IEnumerator<PredictionRow> GetEnumerator()
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (i == cancelAfter)
            {
                cancellation.Cancel();
            }

            yield return rows[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
