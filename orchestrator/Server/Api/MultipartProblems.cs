using Microsoft.AspNetCore.Connections;

namespace Pipeline.Orchestrator.Api;

/// <summary>What is wrong with a multipart/form-data body, from what ASP.NET's multipart reader threw over it.</summary>
internal static class MultipartProblems
{
    /// <summary>RFC 2046: a boundary is 1 to 70 characters (ASP.NET's reader refuses longer ones by throwing).</summary>
    public const int MaxBoundaryLength = 70;

    /// <summary>The client's mistake in words, or null when the exception is not about the body's format.</summary>
    public static string? Describe(Exception e) => e switch
    {
        // Kestrel's refusals (413, a body cut short) and a client gone are answered as such by the server.
        BadHttpRequestException or ConnectionResetException => null,
        // Header lengths and counts, boundary lengths: the reader's message names the limit.
        InvalidDataException => $"the multipart/form-data body is malformed: {e.Message}",
        // The only other I/O under the reader is the request body, which ended: the reader found no closing boundary.
        IOException => "the multipart/form-data body ends before its closing boundary (--boundary--)",
        _ => null,
    };

    /// <summary>The 400 that says so.</summary>
    public static IResult Answer(string problem) =>
        TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Malformed multipart body");
}
