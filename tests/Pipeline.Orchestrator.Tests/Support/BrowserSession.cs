using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Orchestrator.Tests.Support;

/// <summary>
/// What a browser does: signs in with a password, keeps the cookies, and sends the CSRF token from sign-in on requests
/// that change something (unless told not to).
/// </summary>
public sealed class BrowserSession : IDisposable
{
    private readonly HttpClient _http;

    private BrowserSession(HttpClient http, HttpClientHandler handler)
    {
        _http = http;
        Cookies = handler.CookieContainer;
    }

    public CookieContainer Cookies { get; }

    public string? CsrfToken { get; private set; }

    public Uri BaseAddress => _http.BaseAddress!;

    public static BrowserSession Anonymous(Uri baseAddress)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        return new BrowserSession(new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) }, handler);
    }

    public static async Task<BrowserSession> SignInAsync(Uri baseAddress, string user, string password)
    {
        var session = Anonymous(baseAddress);
        var (status, body) = await session.SignInAsync(user, password);
        Assert.True(status == 200, $"sign in as {user}: {status} {body?.ToJsonString()}");
        return session;
    }

    public async Task<(int Status, JsonNode? Body)> SignInAsync(string user, string password)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "/api/auth/login", new JsonObject { ["user"] = user, ["password"] = password });
        if (status == 200)
        {
            CsrfToken = body!["csrfToken"]!.GetValue<string>();
        }

        return (status, body);
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body = null, bool withCsrfToken = true)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
            if (withCsrfToken && CsrfToken is not null)
            {
                request.Headers.Add("X-CSRF-Token", CsrfToken);
            }
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || !text.StartsWith('{') && !text.StartsWith('[') ? null : JsonNode.Parse(text));
    }

    public void Dispose() => _http.Dispose();
}
