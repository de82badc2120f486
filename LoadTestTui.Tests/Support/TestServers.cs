using LoadTestTui.Core.Server;

namespace LoadTestTui.Tests.Support;

/// <summary>Starts the real <see cref="ChatServer"/> on 127.0.0.1 with an ephemeral port.</summary>
public static class TestServers
{
    public static Task<ChatServer> StartAsync(ServerOptions? options = null) =>
        ChatServer.StartAsync((options ?? ServerOptions.Default) with { Host = "127.0.0.1", Port = 0 });
}
