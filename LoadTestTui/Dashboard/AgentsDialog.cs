using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using LoadTestTui.Core.Cluster;
using LoadTestTui.Core.Engine;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>a: the load agents of a <c>--nats</c> run (name, host, bots, online, CPU, last heard); Refresh re-reads the latest snapshot.</summary>
public sealed class AgentsDialog : Dialog
{
    private readonly Func<EngineSnapshot?> _latest;
    private readonly Label _table;

    public AgentsDialog(Func<EngineSnapshot?> latest)
    {
        _latest = latest;
        Title = "Agents";
        Width = Dim.Percent(90);
        Height = Dim.Percent(80);
        _table = new Label { X = 1, Y = 0, Width = Dim.Fill(1), Height = Dim.Fill(2) };
        Add(_table);
        var refresh = new Button { Text = "_Refresh" };
        refresh.Accepting += (_, e) =>
        {
            Show();
            e.Handled = true;
        };
        AddButton(refresh);
        AddButton(new Button { Text = "Close", IsDefault = true });
        Show();
    }

    private void Show() => _table.Text = Format(_latest()?.Agents ?? []);

    /// <summary>The table as text: one line per agent, lost ones marked.</summary>
    public static string Format(ImmutableArray<AgentStatus> agents)
    {
        if (agents.IsEmpty)
            return "No load agents: the bots run in this process (start with --nats URL --agents N to use agents).";
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(ci, $"{"Agent",-20} {"Host",-16} {"Bots",7} {"Online",7} {"CPU %",6} {"Heard",7}");
        foreach (var a in agents)
        {
            var heard = a.Lost ? "LOST" : $"{a.LastHeard.TotalSeconds:0.0}s";
            text.AppendLine(ci, $"{Fit(a.Name, 20),-20} {Fit(a.Host, 16),-16} {a.Bots,7} {a.Online,7} {a.CpuPercent,6:0} {heard,7}");
        }
        return text.ToString();
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
