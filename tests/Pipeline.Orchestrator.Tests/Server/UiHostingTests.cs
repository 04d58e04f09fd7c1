using Pipeline.Orchestrator.Tests.Support;

namespace Pipeline.Orchestrator.Tests.Server;

/// <summary>The server serves the built UI at / and its client-side routes, but never a page for an API path.</summary>
public sealed class UiHostingTests
{
    [Fact]
    public async Task The_UI_is_served_at_the_root_and_at_client_routes_while_unknown_api_paths_stay_404_problems()
    {
        using var ui = new TempFolder("ui-root");
        await File.WriteAllTextAsync(ui.Sub("index.html"), "<!doctype html><title>Pipeline UI</title>");
        Directory.CreateDirectory(ui.Sub("assets"));
        await File.WriteAllTextAsync(ui.Sub("assets/app-1a2b3c.js"), "console.log('app')");
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Ui:Root"] = ui.Path });

        foreach (var route in new[] { "/", "/runs/20261123T000000000-0123abcd", "/workflows/greet/design" })
        {
            using var page = await server.Http.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(200, (int)page.StatusCode);
            Assert.Contains("Pipeline UI", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        }

        using var asset = await server.Http.GetAsync(new Uri("/assets/app-1a2b3c.js", UriKind.Relative));
        Assert.Equal(200, (int)asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        foreach (var path in new[] { "/api/no-such-thing", "/hooks/nope", "/assets/missing.js" })
        {
            using var missing = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(404, (int)missing.StatusCode);
        }

        using var api = await server.Http.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_response_forbids_framing_sniffing_and_foreign_scripts_and_only_the_reference_page_may_run_inline_script()
    {
        using var ui = new TempFolder("ui-root");
        await File.WriteAllTextAsync(ui.Sub("index.html"), "<!doctype html><title>Pipeline UI</title>");
        await using var server = await ApiServer.StartAsync([], extra: new() { ["Ui:Root"] = ui.Path });

        foreach (var path in new[] { "/", "/runs", "/api/workflows", "/api/no-such-thing" })
        {
            using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        using var reference = await server.Http.GetAsync(new Uri("/api/reference", UriKind.Relative));
        Assert.Contains("script-src 'self' 'unsafe-inline'", string.Join(' ', reference.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
