using Pipeline.Steps.ClusterTrain.Training;

namespace Pipeline.Steps.Tests.Clustering;

public sealed class HungarianAssignmentTests
{
    [Fact]
    public void Finds_the_cheapest_assignment_of_random_matrices_as_brute_force_does()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var n = random.Next(1, 7);
            var cost = new double[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    cost[i, j] = Math.Round(random.NextDouble() * 100, 1);
                }
            }

            var assignment = HungarianAssignment.Solve(cost);
            Assert.Equal(n, assignment.Distinct().Count());
            Assert.Equal(BruteForce(cost), Enumerable.Range(0, n).Sum(i => cost[i, assignment[i]]), 9);
        }
    }

    [Fact]
    public void A_greedy_trap_is_avoided()
    {
        // Greedy takes (0,0) = 1 and is left with (1,1) = 100; the optimum pairs (0,1) and (1,0) for 4.
        var cost = new double[,] { { 1, 2 }, { 2, 100 } };
        Assert.Equal([1, 0], HungarianAssignment.Solve(cost));
    }

    private static double BruteForce(double[,] cost)
    {
        var n = cost.GetLength(0);
        return Permutations(Enumerable.Range(0, n).ToList()).Min(p => p.Select((j, i) => cost[i, j]).Sum());
    }

    private static IEnumerable<List<int>> Permutations(List<int> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany(item => Permutations([.. items.Where(i => i != item)]).Select(rest => (List<int>)[item, .. rest]));
}
