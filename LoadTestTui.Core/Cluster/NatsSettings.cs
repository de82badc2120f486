using System.Net;
using NATS.Client.Core;

namespace LoadTestTui.Core.Cluster;

/// <summary>How to reach the NATS server: its URL and the security options passed through to the client.</summary>
public sealed record NatsSettings
{
    public required string Url { get; init; }

    /// <summary>A credentials file (JWT + seed), as made by <c>nsc</c>.</summary>
    public string? CredsFile { get; init; }

    public string? Token { get; init; }

    /// <summary>Require TLS on the connection.</summary>
    public bool Tls { get; init; }

    public bool Secured => CredsFile is not null || Token is not null || Tls || Url.StartsWith("tls://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether every server in the URL is this machine (no one else can reach the bus).</summary>
    public bool IsLoopback => Url.Split(',').All(part =>
        Uri.TryCreate(part.Contains("://", StringComparison.Ordinal) ? part.Trim() : "nats://" + part.Trim(), UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address))));

    /// <summary>A warning for an unprotected bus anyone on the network could drive; null when there is none.</summary>
    public string? InsecureWarning => Secured || IsLoopback ? null
        : $"warning: NATS at {Url} is not on this machine and no --nats-creds, --nats-token or --nats-tls was given: anyone who reaches it can drive these bots.";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
            problems.Add("--nats must be a NATS URL, e.g. nats://127.0.0.1:4222.");
        if (CredsFile is not null && !File.Exists(CredsFile))
            problems.Add($"--nats-creds: no file '{CredsFile}'.");
        if (Token is { Length: 0 })
            problems.Add("--nats-token must not be empty.");
        return problems;
    }

    public NatsOpts ToOpts(string clientName) => NatsOpts.Default with
    {
        Url = Url,
        Name = clientName,
        AuthOpts = NatsAuthOpts.Default with { Token = Token, CredsFile = CredsFile },
        TlsOpts = Tls ? NatsTlsOpts.Default with { Mode = TlsMode.Require } : NatsTlsOpts.Default,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        // Reports are small and frequent; a slow controller must not grow the agent's memory without bound.
        SubPendingChannelCapacity = 4096,
    };
}
