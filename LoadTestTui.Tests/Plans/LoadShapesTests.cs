using LoadTestTui.Core.Plans;

namespace LoadTestTui.Tests.Plans;

[TestClass]
public sealed class LoadShapesTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private static string Stages(ShapeOptions shape)
    {
        var plan = LoadShapes.Compile(shape);
        return $"{plan.StartTarget}|" + string.Join(",", plan.Stages.Select(s => $"{s.Duration.TotalSeconds:0.#}:{s.Target}"));
    }

    [TestMethod]
    [DataRow("linear", "0|300:1000")]
    [DataRow("exponential", "1|60:4,60:16,60:63,60:251,60:1000")]
    [DataRow("step", "0|0:200,60:200,0:400,60:400,0:600,60:600,0:800,60:800,0:1000,60:1000")]
    [DataRow("spike", "0|60:0,0:1000,60:1000,0:0,60:0")]
    [DataRow("ramp-up-down", "0|100:1000,100:1000,100:0")]
    [DataRow("sustained", "0|30:1000,270:1000")]
    [DataRow("stress", "0|30:200,30:200,30:400,30:400,30:600,30:600,30:800,30:800,30:1000,30:1000,0:0,60:0")]
    public void Compile_EachShape_GivesItsStages(string name, string expected) =>
        Assert.AreEqual(expected, Stages(new ShapeOptions { Name = name, MaxBots = 1000, Steps = 5, StepDuration = Minute }));

    [TestMethod]
    public void Compile_StepWithMinBots_StartsThere() =>
        Assert.AreEqual("100|0:280,10:280,0:460,10:460,0:640,10:640,0:820,10:820,0:1000,10:1000",
            Stages(new ShapeOptions { Name = "step", MinBots = 100, MaxBots = 1000, Steps = 5, StepDuration = TimeSpan.FromSeconds(10) }));

    [TestMethod]
    public void Compile_LinearWithDuration_UsesIt() =>
        Assert.AreEqual("0|90:50", Stages(new ShapeOptions { Name = "LINEAR", MaxBots = 50, Duration = TimeSpan.FromSeconds(90) }));

    [TestMethod]
    public void Validate_BadParameters_ListsThemAll()
    {
        var problems = new ShapeOptions { Name = "zigzag", MaxBots = 0, MinBots = -1, Steps = 0, StepDuration = TimeSpan.Zero }.Validate();
        Assert.HasCount(5, problems, string.Join(" | ", problems));
        Assert.Contains("linear", problems[0]);
        Assert.ThrowsExactly<ArgumentException>(() => LoadShapes.Compile(new ShapeOptions { Name = "zigzag" }));
    }
}
