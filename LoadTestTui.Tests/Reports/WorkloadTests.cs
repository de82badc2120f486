using System.Text.Json.Nodes;
using LoadTestTui.Core.Reports;

namespace LoadTestTui.Tests.Reports;

/// <summary>Which workload differences <c>compare</c> refuses, on the new-format fixture with one field changed.</summary>
[TestClass]
public sealed class WorkloadTests
{
    /// <summary>The new-format fixture with <paramref name="change"/> applied to its JSON.</summary>
    public static RunDocument Changed(Action<JsonObject> change, string name = "changed.json")
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixtures.Path("new-format.json")))!.AsObject();
        change(root);
        return RunDocument.Parse(root.ToJsonString(), name, out var error) ?? throw new AssertFailedException(error!);
    }

    /// <summary>Named changes to the fixture's workload (it ran 6 bots for 4 s, chat 0.3-0.8 s, heartbeat 5 s, ping 0.5 s, utf-8).</summary>
    public static void Apply(JsonObject root, string change)
    {
        var run = root["run"]!.AsObject();
        var options = run["options"]!.AsObject();
        switch (change)
        {
            case "bots": run["target_bots"] = 50; break;
            case "chat": options["chat_interval_min_s"] = 1; options["chat_interval_max_s"] = 3; break;
            case "heartbeat": options["heartbeat_interval_s"] = 10; break;
            case "ping": options["ping_interval_s"] = 30; break;
            case "duration": run["duration_s"] = 60; break;
            case "duration-close": run["duration_s"] = 4.3; break;
            case "encoding": options["encoding"] = "cp949"; break;
            case "max-frame": options["max_frame"] = 4096; break;
            case "key": options["key_sha256"] = "0123456789abcdef"; break;
            case "plan": root["plan"] = JsonNode.Parse("""{"name": null, "start_target": 0, "total_s": 4, "stage": 2, "stages": [{"duration_s": 2, "target": 6}, {"duration_s": 2, "target": 6}]}"""); break;
            case "host": run["host"] = "127.0.0.2"; break;
            default: throw new ArgumentException(change);
        }
    }

    [TestMethod]
    [DataRow("bots", "bots: A 6, B 50")]
    [DataRow("chat", "chat interval: A 0.3–0.8 s, B 1–3 s")]
    [DataRow("heartbeat", "heartbeat interval: A 5 s, B 10 s")]
    [DataRow("ping", "ping interval: A 0.5 s, B 30 s")]
    [DataRow("duration", "duration: A 4 s, B 60 s (more than 10 % apart)")]
    [DataRow("encoding", "encoding: A utf-8, B cp949")]
    [DataRow("max-frame", "max frame: A 10240, B 4096")]
    [DataRow("plan", "plan: A none, B from 0 bots, 2 s → 6, 2 s → 6")]
    public void Differences_OneChange_NamedOnItsOwnLine(string change, string expected)
    {
        var differences = Workload.Differences(Fixtures.Load("new-format.json"), Changed(r => Apply(r, change)));
        CollectionAssert.AreEqual(new[] { expected }, differences.ToList());
        var forced = RunComparison.Compare(Fixtures.Load("new-format.json"), Changed(r => Apply(r, change)));
        CollectionAssert.Contains(forced.Notes.ToList(), $"warning: workloads differ: {expected}");
    }

    [TestMethod]
    [DataRow("host")]
    [DataRow("duration-close")]
    public void Differences_TargetOrDurationWithinTenPercent_SameWorkload(string change) =>
        Assert.IsEmpty(Workload.Differences(Fixtures.Load("new-format.json"), Changed(r => Apply(r, change))));

    [TestMethod]
    public void Differences_ProtocolKey_ComparedWhenBothRecordIt()
    {
        var withKey = Changed(r => r["run"]!["options"]!["key_sha256"] = "aaaaaaaaaaaaaaaa");
        CollectionAssert.AreEqual(new[] { "protocol key (sha256): A aaaaaaaaaaaaaaaa, B 0123456789abcdef" }, Workload.Differences(withKey, Changed(r => Apply(r, "key"))).ToList());
        Assert.IsEmpty(Workload.Differences(Fixtures.Load("new-format.json"), withKey), "the fixture predates key_sha256: not compared");
    }

    [TestMethod]
    public void Differences_SeveralChanges_EachOnItsOwnLine()
    {
        var differences = Workload.Differences(Fixtures.Load("new-format.json"), Changed(r => { Apply(r, "bots"); Apply(r, "ping"); Apply(r, "duration"); }));
        Assert.HasCount(3, differences);
        Assert.IsTrue(differences.All(d => !d.Contains('\n')));
    }
}
