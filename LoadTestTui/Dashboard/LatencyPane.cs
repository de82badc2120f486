using LoadTestTui.Core.Engine;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The Latency pane: chat-echo p50/p99 and ping sparklines, current percentiles, fan-out and delivery integrity, registration and connect time.</summary>
public sealed class LatencyPane : FrameView
{
    public const int ContentRows = 6;

    private readonly SparkRow _p50;
    private readonly SparkRow _p99;
    private readonly SparkRow _ping;
    private readonly Label _now;
    private readonly Label _delivery;
    private readonly Label _registration;

    public LatencyPane(int historyCapacity)
    {
        Title = "Latency";
        _p50 = new SparkRow("echo p50", historyCapacity) { Y = 0 };
        _p99 = new SparkRow("echo p99", historyCapacity) { Y = 1 };
        _ping = new SparkRow("ping", historyCapacity) { Y = 2 };
        _now = new Label { X = 0, Y = 3, Width = Dim.Fill(), Height = 1, Text = "now  -" };
        _delivery = new Label { X = 0, Y = 4, Width = Dim.Fill(), Height = 1, Text = "fan-out -" };
        _registration = new Label { X = 0, Y = 5, Width = Dim.Fill(), Height = 1, Text = "register -" };
        Add(_p50, _p99, _ping, _now, _delivery, _registration);
    }

    public void Update(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var chat = snapshot.ChatRttInterval;
        var ping = snapshot.PingRttInterval;
        _p50.Push(Sample(chat, chat.P50Ms), DashboardFormat.Ms(Sample(chat, chat.P50Ms)));
        _p99.Push(Sample(chat, chat.P99Ms), DashboardFormat.Ms(Sample(chat, chat.P99Ms)));
        _ping.Push(Sample(ping, ping.P50Ms), DashboardFormat.Ms(Sample(ping, ping.P50Ms)));

        _now.SetText(chat.Count == 0
            ? $"now  no echoes │ run p99 {DashboardFormat.Ms(Sample(snapshot.ChatRtt, snapshot.ChatRtt.P99Ms))}"
            : $"now  p50 {DashboardFormat.MsValue(chat.P50Ms)}  p90 {DashboardFormat.MsValue(chat.P90Ms)}  p99 {DashboardFormat.MsValue(chat.P99Ms)}  max {DashboardFormat.Ms(chat.MaxMs)}"
              + $" │ run p99 {DashboardFormat.Ms(Sample(snapshot.ChatRtt, snapshot.ChatRtt.P99Ms))}");

        var d = snapshot.Delivery;
        var fan = d.FanOutInterval.Count > 0 ? d.FanOutInterval : d.FanOut;
        var fanText = fan.Count == 0 ? "fan-out -" : $"fan-out p50 {DashboardFormat.MsValue(fan.P50Ms)}  p99 {DashboardFormat.Ms(fan.P99Ms)}";
        _delivery.SetText($"{fanText} │ lost {DashboardFormat.Int(d.Lost)}  dup {DashboardFormat.Int(d.Duplicated)}  ooo {DashboardFormat.Int(d.OutOfOrder)}"
            + $" of {DashboardFormat.Count(d.Expected)}");

        // The last tick's registrations while any complete, else the whole run's: a settled run still shows what joining cost.
        var registration = snapshot.RegistrationInterval.Count > 0 ? snapshot.RegistrationInterval : snapshot.Registration;
        var connect = snapshot.ConnectTimeInterval.Count > 0 ? snapshot.ConnectTimeInterval : snapshot.ConnectTime;
        _registration.SetText(registration.Count == 0
            ? "register -"
            : $"register p50 {DashboardFormat.MsValue(registration.P50Ms)}  p99 {DashboardFormat.Ms(registration.P99Ms)} │ connect p99 {DashboardFormat.Ms(Sample(connect, connect.P99Ms))}");
    }

    private static double Sample(LatencySummary summary, double value) => summary.Count == 0 ? double.NaN : value;
}
