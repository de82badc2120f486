using LoadTestTui.Core.Engine;
using Terminal.Gui.Views;

namespace LoadTestTui.Dashboard;

/// <summary>The Throughput pane: messages out and in, bytes out and in, connects and errors per second.</summary>
public sealed class ThroughputPane : FrameView
{
    public const int ContentRows = 6;

    private readonly SparkRow _out;
    private readonly SparkRow _in;
    private readonly SparkRow _bytesOut;
    private readonly SparkRow _bytesIn;
    private readonly SparkRow _connects;
    private readonly SparkRow _errors;

    public ThroughputPane(int historyCapacity)
    {
        Title = "Throughput";
        _out = new SparkRow("msgs out", historyCapacity) { Y = 0 };
        _in = new SparkRow("msgs in", historyCapacity) { Y = 1 };
        _bytesOut = new SparkRow("bytes out", historyCapacity) { Y = 2 };
        _bytesIn = new SparkRow("bytes in", historyCapacity) { Y = 3 };
        _connects = new SparkRow("connects", historyCapacity) { Y = 4 };
        _errors = new SparkRow("errors", historyCapacity) { Y = 5 };
        Add(_out, _in, _bytesOut, _bytesIn, _connects, _errors);
    }

    public void Update(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _out.Push(snapshot.MessagesSentPerSecond, DashboardFormat.Rate(snapshot.MessagesSentPerSecond));
        _in.Push(snapshot.MessagesReceivedPerSecond, DashboardFormat.Rate(snapshot.MessagesReceivedPerSecond));
        _bytesOut.Push(snapshot.BytesSentPerSecond, DashboardFormat.ByteRate(snapshot.BytesSentPerSecond));
        _bytesIn.Push(snapshot.BytesReceivedPerSecond, DashboardFormat.ByteRate(snapshot.BytesReceivedPerSecond));
        _connects.Push(snapshot.ConnectsPerSecond, DashboardFormat.Rate(snapshot.ConnectsPerSecond));
        _errors.Push(snapshot.ErrorsPerSecond, DashboardFormat.Rate(snapshot.ErrorsPerSecond));
    }
}
