namespace BmoLearning.Host.Hosting;

/// <summary>
/// A setting that is missing, malformed or contradicts another: the CLI prints its message as one line and
/// exits 78 (EX_CONFIG) instead of a stack trace. Messages name the key, never its value (it may be a secret).
/// </summary>
public sealed class BmoConfigurationException : InvalidOperationException
{
    public BmoConfigurationException()
    {
    }

    public BmoConfigurationException(string message)
        : base(message)
    {
    }

    public BmoConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
