namespace Pipeline.Steps.Confinement;

/// <summary>A URL whose redirects lead out of http(s), or go on too long.</summary>
public sealed class RedirectRefusedException : IOException
{
    public RedirectRefusedException()
    {
    }

    public RedirectRefusedException(string message)
        : base(message)
    {
    }

    public RedirectRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
