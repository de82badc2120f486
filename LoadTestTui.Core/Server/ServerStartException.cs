namespace LoadTestTui.Core.Server;

/// <summary>The server could not start listening. The message is one human sentence, fit to print as is.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException()
    {
    }

    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
