namespace Pipeline.Orchestrator.Definitions.Templates;

/// <summary>A template could not be rendered: it does not parse, or a value it uses is missing.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
