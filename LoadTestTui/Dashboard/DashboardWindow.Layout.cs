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
    /// Tall: Bots and Load on the left, Latency/Throughput/Server/Log stacked on the right. Short:
    /// the Log pane moves under the Load chart so the right column keeps its sparklines.
    /// </summary>
    private void ApplyLayout(bool tall)
    {
        if (_tallLayout == tall)
            return;
        _tallLayout = tall;

        // Optional lines under the header: the capacity search and the live thresholds (height 0 when absent).
        _capacity.X = 0;
        _capacity.Y = 1;
        _capacity.Height = _capacity.Visible ? 1 : 0;
        _thresholds.X = 0;
        _thresholds.Y = Pos.Bottom(_capacity);
        _thresholds.Height = _thresholds.Visible ? 1 : 0;
        var top = Pos.Bottom(_thresholds);

        _bots.X = 0;
        _bots.Y = top;
        _bots.Width = Dim.Percent(55);

        _load.X = 0;
        _load.Y = Pos.Bottom(_bots);
        _load.Width = Dim.Width(_bots);
        _load.Height = LoadPane.ContentRows + 2;

        _latency.X = Pos.Right(_bots);
        _latency.Y = top;
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
            _bots.Height = Dim.Fill(LoadPane.ContentRows + 3);
            _server.Height = ServerPane.ContentRows + 2;
            _log.X = Pos.Right(_bots);
            _log.Y = Pos.Bottom(_server);
            _log.Width = Dim.Fill();
            _log.Height = Dim.Fill(1);
        }
        else
        {
            _bots.Height = Dim.Percent(45);
            _server.Height = Dim.Fill(1);
            _log.X = 0;
            _log.Y = Pos.Bottom(_load);
            _log.Width = Dim.Width(_bots);
            _log.Height = Dim.Fill(1);
        }
    }
}
