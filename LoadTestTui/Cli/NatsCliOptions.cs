using System.CommandLine;
using LoadTestTui.Core.Cluster;

namespace LoadTestTui.Cli;

/// <summary>The NATS options shared by <c>agent</c> and the controller side of <c>run</c> and <c>dashboard</c>.</summary>
internal sealed class NatsCliOptions
{
    public Option<string?> Nats { get; } = new("--nats") { Description = "NATS server URL (e.g. nats://127.0.0.1:4222): run the bots on load agents instead of this process." };
    public Option<string?> Creds { get; } = new("--nats-creds") { Description = "NATS credentials file (JWT and seed)." };
    public Option<string?> Token { get; } = new("--nats-token") { Description = "NATS authentication token." };
    public Option<bool> Tls { get; } = new("--nats-tls") { Description = "Require TLS to the NATS server." };
    public Option<string> Cluster { get; } = new("--cluster") { Description = "Cluster name: agents and controllers of one name work together.", DefaultValueFactory = _ => ClusterSubjects.DefaultCluster };

    public IEnumerable<Option> All => [Nats, Creds, Token, Tls, Cluster];

    public NatsSettings? BindSettings(ParseResult parse, List<string> problems)
    {
        if (parse.GetValue(Nats) is not { } url)
        {
            if (parse.GetValue(Creds) is not null || parse.GetValue(Token) is not null || parse.GetValue(Tls))
                problems.Add("--nats-creds, --nats-token and --nats-tls need --nats URL.");
            return null;
        }
        var settings = new NatsSettings { Url = url, CredsFile = parse.GetValue(Creds), Token = parse.GetValue(Token), Tls = parse.GetValue(Tls) };
        problems.AddRange(settings.Validate());
        if (ClusterSubjects.Validate(parse.GetValue(Cluster) ?? "") is { } cluster)
            problems.Add(cluster);
        return settings;
    }
}

/// <summary>The controller's options: NATS plus how many agents to wait for and what to do when one is lost.</summary>
internal sealed class ControllerCliOptions
{
    public NatsCliOptions Nats { get; } = new();
    public Option<int> Agents { get; } = new("--agents") { Description = "With --nats: wait for this many load agents and split the bots across them.", DefaultValueFactory = _ => 1 };
    public Option<double> AgentsTimeout { get; } = new("--agents-timeout") { Description = "Seconds to wait for the agents.", DefaultValueFactory = _ => 30 };
    public Option<double> ControllerTimeout { get; } = new("--controller-timeout") { Description = "Seconds agents go on without hearing this controller before they stop their bots.", DefaultValueFactory = _ => 10 };
    public Option<double> AgentLossTimeout { get; } = new("--agent-loss-timeout") { Description = "Seconds without a report before an agent counts as lost.", DefaultValueFactory = _ => 15 };
    public Option<AgentLossPolicy> OnAgentLoss { get; } = new("--on-agent-loss") { Description = "When an agent stops reporting: continue (its bots count as agent_lost) or abort the run.", DefaultValueFactory = _ => AgentLossPolicy.Continue };

    public void AddTo(Command command)
    {
        foreach (var option in Nats.All.Concat([Agents, AgentsTimeout, ControllerTimeout, AgentLossTimeout, OnAgentLoss]))
            command.Options.Add(option);
    }

    /// <summary>Null without --nats (bots in this process).</summary>
    public ClusterOptions? Bind(ParseResult parse, List<string> problems, int rowLimit = 0)
    {
        if (Nats.BindSettings(parse, problems) is not { } settings)
        {
            if (parse.GetResult(Agents) is { Implicit: false })
                problems.Add("--agents needs --nats URL.");
            return null;
        }
        var seconds = parse.GetValue(AgentsTimeout);
        var controllerSeconds = parse.GetValue(ControllerTimeout);
        var lossSeconds = parse.GetValue(AgentLossTimeout);
        var options = new ClusterOptions
        {
            Nats = settings,
            Cluster = parse.GetValue(Nats.Cluster) ?? "",
            Agents = parse.GetValue(Agents),
            AgentsTimeout = seconds is > 0 and < 1e6 ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero,
            OnAgentLoss = parse.GetValue(OnAgentLoss),
            LossTimeout = lossSeconds is > 0 and < 1e6 ? TimeSpan.FromSeconds(lossSeconds) : TimeSpan.Zero,
            ControllerTimeout = controllerSeconds is > 0 and < 1e6 ? TimeSpan.FromSeconds(controllerSeconds) : TimeSpan.Zero,
            RowLimit = rowLimit,
        };
        problems.AddRange(options.Validate().Except(settings.Validate()));
        return options;
    }
}
