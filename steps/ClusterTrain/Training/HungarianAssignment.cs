namespace Pipeline.Steps.ClusterTrain.Training;

/// <summary>
/// The minimum-cost one-to-one assignment of rows to columns of a square cost matrix (Kuhn-Munkres with
/// potentials, O(n³)): k is small, and a greedy nearest-centroid match can give two clusters the same parent.
/// </summary>
internal static class HungarianAssignment
{
    /// <summary>The column assigned to each row.</summary>
    public static int[] Solve(double[,] cost)
    {
        var n = cost.GetLength(0);
        var u = new double[n + 1];
        var v = new double[n + 1];
        var columnOwner = new int[n + 1]; // 1-based row owning each column; 0 = free
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            columnOwner[0] = row;
            var column = 0;
            var minimum = Enumerable.Repeat(double.PositiveInfinity, n + 1).ToArray();
            var used = new bool[n + 1];
            do
            {
                used[column] = true;
                var owner = columnOwner[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var reduced = cost[owner - 1, j - 1] - u[owner] - v[j];
                    if (reduced < minimum[j])
                    {
                        minimum[j] = reduced;
                        way[j] = column;
                    }

                    if (minimum[j] < delta)
                    {
                        delta = minimum[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[columnOwner[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minimum[j] -= delta;
                    }
                }

                column = next;
            }
            while (columnOwner[column] != 0);

            do
            {
                var previous = way[column];
                columnOwner[column] = columnOwner[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[n];
        for (var j = 1; j <= n; j++)
        {
            assignment[columnOwner[j] - 1] = j - 1;
        }

        return assignment;
    }
}
