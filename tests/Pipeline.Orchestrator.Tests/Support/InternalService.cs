using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Pipeline.Testing;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// A real HTTP server on loopback: a file server for URL tests, and the stand-in for a service inside the server's
/// network in SSRF tests (it counts every request it gets). Serves the bundled Changping sample as
/// <c>/changping.csv</c>, a body that leaks a token as <c>/secret.csv</c>, a trickle as <c>/slow.csv</c>, and
/// redirects: <c>/to-secret</c> (302 to <c>/secret.csv</c>) and <c>/to-file</c> (302 to <c>file:///etc/passwd</c>).
/// </summary>
public sealed class InternalService : IAsyncDisposable
{
    /// <summary>What <c>/secret.csv</c> holds: delimited text whose first line is a credential.</summary>
    public const string Secret = "admin_token=s3cr3t-0f-the-internal-service";

    public static readonly string Sample = Path.Combine(SharedData.BundledSample, "PRSA_Data_Changping_201303.csv");

    private readonly WebApplication _app;
    private int _requests;

    private InternalService(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Requests served so far, of any path.</summary>
    public int Requests => _requests;

    public string Url(string file) => $"{BaseUrl}/{file}";

    public static async Task<InternalService> StartAsync()
    {
        var baseUrl = $"http://127.0.0.1:{PostgresServer.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        var app = builder.Build();
        var service = new InternalService(app, baseUrl);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref service._requests);
            await next(context);
        });
        app.MapGet("/changping.csv", () => Results.File(Sample, "text/csv"));
        app.MapGet("/secret.csv", () => Results.Text($"{Secret};x;y\n1;2;3\n4;5;6\n", "text/csv"));
        app.MapGet("/to-secret", () => Results.Redirect("/secret.csv"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        // Headers at once, then a body that trickles: only a limit on the whole download ends it.
        app.MapGet("/slow.csv", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("sensor,time,temp\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await app.StartAsync();
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
