namespace Pipeline.Chaos.Harness;

/// <summary>A server that did not come up; <see cref="Retryable"/> when it looks like its build was being replaced.</summary>
internal sealed class ServerStartException(string message, bool retryable) : Exception(message)
{
    public bool Retryable { get; } = retryable;
}
