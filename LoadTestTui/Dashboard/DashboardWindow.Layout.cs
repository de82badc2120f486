using Terminal.Gui.ViewBase;

namespace LoadTestTui.Dashboard;

/// <summary>The dashboard's layout: where each pane sits in tall and short terminals.</summary>
public sealed partial class DashboardWindow
{
    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        ApplyLayout(Viewport.Height >= TallLayoutRows);
        base.OnSubViewLayout(args);
    }

    /// <summary>
    /// Tall: Bots on the left, Latency/Throughput/Server/Log stacked on the right. Short: the
    /// Log pane moves under the Bots table so the right column keeps its sparklines.
    /// </summary>
    private void ApplyLayout(bool tall)
    {
        if (_tallLayout == tall)
            return;
        _tallLayout = tall;

        _bots.X = 0;
        _bots.Y = 1;
        _bots.Width = Dim.Percent(55);

        _latency.X = Pos.Right(_bots);
        _latency.Y = 1;
        _latency.Width = Dim.Fill();
        _latency.Height = LatencyPane.ContentRows + 2;

        _throughput.X = Pos.Right(_bots);
        _throughput.Y = Pos.Bottom(_latency);
        _throughput.Width = Dim.Fill();
        _throughput.Height = ThroughputPane.ContentRows + 2;

        _server.X = Pos.Right(_bots);
        _server.Y = Pos.Bottom(_throughput);
        _server.Width = Dim.Fill();

        if (tall)
        {
            _bots.Height = Dim.Fill(1);
            _server.Height = ServerPane.ContentRows + 2;
            _log.X = Pos.Right(_bots);
            _log.Y = Pos.Bottom(_server);
            _log.Width = Dim.Fill();
            _log.Height = Dim.Fill(1);
        }
        else
        {
            _bots.Height = Dim.Percent(60);
            _server.Height = Dim.Fill(1);
            _log.X = 0;
            _log.Y = Pos.Bottom(_bots);
            _log.Width = Dim.Width(_bots);
            _log.Height = Dim.Fill(1);
        }
    }
}
