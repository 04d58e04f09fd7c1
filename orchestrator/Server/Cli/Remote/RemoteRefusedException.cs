using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Cli.Remote;

/// <summary>The server said no: its status and explanation, with each problem's path on lines of its own.</summary>
internal sealed class RemoteRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static RemoteRefusedException From(int status, HttpMethod method, string path, string body)
    {
        var detail = $"{method} {path}: {status}";
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                detail = problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>() ?? detail;
                foreach (var item in problem["problems"]?.AsArray() ?? [])
                {
                    detail += $"{Environment.NewLine}  {item?["path"]}: {item?["message"]}";
                }
            }
        }
        catch (JsonException)
        {
        }

        return new RemoteRefusedException(status, detail);
    }
}
