using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// Serves the browser UI (built from <c>orchestrator/ui</c> into <c>wwwroot</c> beside the server's assembly) at
/// <c>/</c>. Client-side routes (<c>/runs/…</c>) get <c>index.html</c>; unknown <c>/api</c> and <c>/hooks</c>
/// paths stay 404 problems, so a mistyped API call never receives a page.
/// </summary>
public static class UiHosting
{
    private const string NotBuilt = """
        <!doctype html><meta charset="utf-8"><title>Pipeline</title>
        <p>The UI is not built: run <code>dotnet build orchestrator</code> with Node.js 20.19 or later (npm) on the PATH.
        The API is at <a href="/api/reference">/api/reference</a>.</p>
        """;

    public static WebApplication UsePipelineUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = Path.GetFullPath(app.Configuration["Ui:Root"] ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.MapGet("/", () => Results.Content(NotBuilt, "text/html; charset=utf-8")).ExcludeFromDescription().AllowAnonymous();
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Vite names assets by content hash, so they never change; index.html names them, so it is always checked.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = c.File.Name == "index.html"
                ? "no-cache"
                : "public, max-age=31536000, immutable",
        });
        app.MapFallback(async context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hooks") || !HttpMethods.IsGet(context.Request.Method))
            {
                await Results.Problem($"no endpoint {context.Request.Method} {path}", statusCode: StatusCodes.Status404NotFound, title: "Not found").ExecuteAsync(context);
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
