using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Orchestrator.Api;

/// <summary>
/// Reads a multipart/form-data upload up to its <c>file</c> part without buffering it: the text fields before the
/// file (<c>name</c>, <c>timeZone</c>, <c>trigger</c>) are read, at most <see cref="MaxFieldChars"/> characters each,
/// and the file part's body is handed on as a stream, to be read once, as it arrives. A body that breaks the format
/// (a boundary over 70 characters, a part's headers over 16 KiB, no closing boundary) is a 400 saying so.
/// </summary>
internal sealed record DatasetForm(Stream? File, string? FileName, DatasetFields Fields, IResult? Problem)
{
    public const int MaxFieldChars = 1024;

    public static async Task<DatasetForm> ReadUntilFileAsync(Stream body, MediaTypeHeaderValue type, DatasetFields fields, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return new(null, null, fields, ApiProblems.InvalidField("file", "a multipart/form-data body needs a boundary"));
        }

        if (boundary.Length > MultipartProblems.MaxBoundaryLength)
        {
            return new(null, null, fields, MultipartProblems.Answer(
                $"the multipart boundary has {boundary.Length} characters; at most {MultipartProblems.MaxBoundaryLength} (RFC 2046)"));
        }

        try
        {
            return await ReadFieldsAsync(new MultipartReader(boundary, body), fields, cancellationToken);
        }
        catch (Exception e) when (MultipartProblems.Describe(e) is { } problem)
        {
            return new(null, null, fields, MultipartProblems.Answer(problem));
        }
    }

    private static async Task<DatasetForm> ReadFieldsAsync(MultipartReader reader, DatasetFields fields, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (field == "file")
            {
                return new(new MultipartFileStream(section.Body), HeaderUtilities.RemoveQuotes(disposition.FileName).Value, fields, null);
            }

            // Read at most one character past the limit, never a whole (huge) part into memory.
            using var text = new StreamReader(section.Body);
            var value = new char[MaxFieldChars + 1];
            var read = await text.ReadBlockAsync(value, cancellationToken);
            if (read > MaxFieldChars)
            {
                return new(null, null, fields, ApiProblems.InvalidField(field, $"a form field is at most {MaxFieldChars} characters"));
            }

            fields = fields.With(field, new string(value, 0, read));
        }

        return new(null, null, fields, ApiProblems.InvalidField("file", "no 'file' field in the form"));
    }
}
