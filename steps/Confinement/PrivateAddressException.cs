namespace Pipeline.Steps.Confinement;

/// <summary>A connection refused because it would lead to a loopback, private or link-local address.</summary>
public sealed class PrivateAddressException : IOException
{
    public PrivateAddressException()
    {
    }

    public PrivateAddressException(string message)
        : base(message)
    {
    }

    public PrivateAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
