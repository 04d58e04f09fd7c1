using Microsoft.AspNetCore.Http.Metadata;

namespace Pipeline.Orchestrator.Http;

/// <summary>
/// An endpoint's own body limit, in place of <see cref="BodyLimitOptions.MaxRequestBodyBytes"/>: routing sets it on
/// the request before the body is read (as for <c>[RequestSizeLimit]</c>); <see cref="Setting"/> names the setting in
/// the 413 of a body over it.
/// </summary>
public sealed record BodyLimit(long Bytes, string Setting) : IRequestSizeLimitMetadata
{
    long? IRequestSizeLimitMetadata.MaxRequestBodySize => Bytes;
}
