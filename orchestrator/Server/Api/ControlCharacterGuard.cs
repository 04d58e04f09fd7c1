using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Refuses a request whose path or query string holds a control character, with 422 naming where (<c>path</c>,
/// <c>query.workflow</c>), before any endpoint reads it: <c>GET /api/runs?workflow=a%00b</c> reached PostgreSQL,
/// which cannot hold NUL in text, and came back as a 503. Kestrel already refuses a NUL in the path itself.
/// </summary>
public static class ControlCharacterGuard
{
    public static WebApplication UseControlCharacterGuard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static IResult? Refusal(HttpRequest request)
    {
        if (ControlCharacters.Problem(request.Path.Value) is { } inPath)
        {
            return ApiProblems.InvalidField("path", $"the path {inPath}");
        }

        foreach (var (key, values) in request.Query)
        {
            if (ControlCharacters.Problem(key) is { } inKey)
            {
                return ApiProblems.InvalidField("query", $"a query parameter's name {inKey}");
            }

            foreach (var value in values)
            {
                if (ControlCharacters.Problem(value) is { } inValue)
                {
                    return ApiProblems.InvalidField($"query.{key}", $"'{key}' {inValue}");
                }
            }
        }

        return null;
    }
}
