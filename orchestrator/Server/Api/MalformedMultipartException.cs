namespace Pipeline.Orchestrator.Api;

/// <summary>A multipart/form-data body that breaks the format (no closing boundary, a part's headers too long...): the client's fault, a 400.</summary>
internal sealed class MalformedMultipartException : IOException
{
    public MalformedMultipartException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public MalformedMultipartException()
    {
    }

    public MalformedMultipartException(string message)
        : base(message)
    {
    }
}
