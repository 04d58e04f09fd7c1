using System.Text.Json;

namespace Pipeline.Orchestrator.Models;

/// <summary>
/// Feature rows from a prediction request: each an object with exactly the model's features as finite numbers, read
/// into vectors in the model's feature order. Problems are keyed by path (<c>rows[3].PM25_mean</c>), at most 20.
/// </summary>
public static class FeatureRows
{
    private const int MaxProblems = 20;

    public static (List<float[]> Vectors, Dictionary<string, string[]> Problems) Read(JsonElement rows, IReadOnlyList<string> features)
    {
        var index = features.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        var vectors = new List<float[]>(rows.GetArrayLength());
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var r = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var path = $"rows[{r++}]";
            if (row.ValueKind != JsonValueKind.Object)
            {
                Add(problems, path, "a row must be an object of feature: number");
                continue;
            }

            var vector = new float[features.Count];
            var seen = new bool[features.Count];
            foreach (var property in row.EnumerateObject())
            {
                if (!index.TryGetValue(property.Name, out var i))
                {
                    Add(problems, $"{path}.{property.Name}", $"not a feature of this model (features: {string.Join(", ", features)})");
                }
                else if (property.Value.ValueKind != JsonValueKind.Number || !float.IsFinite(vector[i] = property.Value.GetSingle()))
                {
                    Add(problems, $"{path}.{property.Name}", "must be a finite number");
                }
                else
                {
                    seen[i] = true;
                }
            }

            for (var i = 0; i < features.Count; i++)
            {
                if (!seen[i] && !problems.ContainsKey($"{path}.{features[i]}"))
                {
                    Add(problems, $"{path}.{features[i]}", "is missing");
                }
            }

            vectors.Add(vector);
        }

        return (vectors, problems);
    }

    private static void Add(Dictionary<string, string[]> problems, string path, string message)
    {
        if (problems.Count < MaxProblems)
        {
            problems[path] = [message];
        }
    }
}
