using System.Net;
using Pipeline.Steps.Confinement;
using Pipeline.Steps.Formats;

namespace Pipeline.Steps.SensorCsv.Inputs;

/// <summary>Opens a file or URL as a stream of text: hashing the raw bytes, inflating gzip, decoding UTF-8.</summary>
internal static class InputOpener
{
    private const string AllowedBy = "the server's Engine:AllowPrivateUrls (" + ConfinementEnvironment.AllowPrivateUrls + "=true for a step run by hand)";

    // No overall timeout (a large file may stream for long), but a server that never answers fails the connect.
    // Public addresses only, checked at each connection (redirects included), unless the server allows private ones.
    private static readonly HttpClient PublicOnly = new(PublicAddresses.Handler(allowPrivate: false, AllowedBy)) { Timeout = Timeout.InfiniteTimeSpan };
    private static readonly HttpClient Anywhere = new(PublicAddresses.Handler(allowPrivate: true, AllowedBy)) { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<OpenedInput> OpenAsync(InputSource source, bool allowPrivateUrls, CancellationToken cancellationToken)
    {
        var raw = new HashingReadStream(await OpenRawAsync(source, allowPrivateUrls ? Anywhere : PublicOnly, cancellationToken));
        try
        {
            var magic = new byte[2];
            var sniffed = await raw.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken);
            Stream stream = new PrefixedReadStream(magic.AsMemory(0, sniffed), raw);
            // Gzip is recognised by its magic bytes, so a .gz without the extension (or a URL) still works.
            if (sniffed == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
            {
                stream = new CheckedGzipStream(stream, source.Location);
            }

            return new OpenedInput(source, raw, OpenedInput.Decode(stream));
        }
        catch
        {
            await raw.DisposeAsync();
            throw;
        }
    }

    private static async Task<Stream> OpenRawAsync(InputSource source, HttpClient http, CancellationToken cancellationToken)
    {
        if (!source.IsUrl)
        {
            try
            {
                return new FileStream(source.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            }
            catch (FileNotFoundException)
            {
                throw StepException.MissingInput("input file disappeared before it could be read", new SourceLocation(source.Location));
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await UrlFetch.GetAsync(http, new Uri(source.Location), cancellationToken);
        }
        catch (RedirectRefusedException e)
        {
            throw new StepException(StepExitCodes.Usage, $"the URL is refused: {e.Message}", new SourceLocation(source.Location), e);
        }
        catch (HttpRequestException e) when (e.InnerException is PrivateAddressException refused)
        {
            throw new StepException(StepExitCodes.Usage, $"the URL is refused: {refused.Message}", new SourceLocation(source.Location), e);
        }
        catch (HttpRequestException e)
        {
            throw new StepException(StepExitCodes.TemporaryFailure, $"cannot reach the URL: {e.Message}", new SourceLocation(source.Location), e);
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            response.Dispose();
            throw StepException.MissingInput($"URL answered {(int)response.StatusCode} {response.ReasonPhrase}", new SourceLocation(source.Location));
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            // 4xx other than "not found" is a request we cannot fix by retrying; 5xx and the rest may pass.
            var code = (int)response.StatusCode is >= 400 and < 500 ? StepExitCodes.NoInput : StepExitCodes.TemporaryFailure;
            throw new StepException(code, $"URL answered {(int)response.StatusCode} {response.ReasonPhrase}", new SourceLocation(source.Location));
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }
}
