using System.Reflection;
using LoadTestTui.Core.Engine;
using NetArchTest.Rules;

namespace LoadTestTui.Tests.Architecture;

/// <summary>
/// Core's folders depend on each other in one direction only, read from the compiled assembly
/// (signatures and method bodies alike), so a dependency cycle cannot come back unnoticed:
/// Model &lt;- Protocol/Loops/Bots &lt;- Engine &lt;- Plans/Verdicts/Capacity/Cluster &lt;- Export/Reports,
/// and the reference server depends on the protocol only. Monitoring (reading /proc) sits beside
/// the protocol: the loops read their threads' CPU with it.
/// </summary>
[TestClass]
public sealed class DependencyDirectionTests
{
    private static readonly Assembly Core = typeof(BotEngine).Assembly;

    /// <summary>Each folder of Core and the folders it may use. Text (sanitizing) and Model sit under everything.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Model"] = [],
        ["Text"] = [],
        ["Protocol"] = ["Model", "Text"],
        ["Monitoring"] = ["Model", "Text"],
        ["Loops"] = ["Model", "Protocol", "Monitoring", "Text"],
        ["Bots"] = ["Model", "Protocol", "Monitoring", "Loops", "Text"],
        ["Server"] = ["Model", "Protocol", "Text"],
        ["Engine"] = ["Model", "Protocol", "Monitoring", "Loops", "Bots", "Text"],
        ["Verdicts"] = ["Model", "Protocol", "Loops", "Bots", "Engine", "Monitoring", "Text"],
        ["Plans"] = ["Model", "Protocol", "Monitoring", "Loops", "Bots", "Engine", "Verdicts", "Text"],
        ["Capacity"] = ["Model", "Protocol", "Loops", "Bots", "Engine", "Monitoring", "Verdicts", "Plans", "Text"],
        ["Cluster"] = ["Model", "Protocol", "Monitoring", "Loops", "Bots", "Engine", "Plans", "Text"],
        ["Export"] = ["Model", "Protocol", "Loops", "Bots", "Engine", "Monitoring", "Verdicts", "Plans", "Capacity", "Cluster", "Text"],
        ["Reports"] = ["Model", "Protocol", "Loops", "Bots", "Engine", "Monitoring", "Verdicts", "Plans", "Capacity", "Cluster", "Export", "Text"],
    };

    private static IEnumerable<object[]> Folders => MayUse.Keys.Select(k => new object[] { k });

    [TestMethod]
    [DynamicData(nameof(Folders))]
    public void Folder_DependsOnlyOnTheFoldersBelowIt(string folder)
    {
        var forbidden = MayUse.Keys.Where(other => other != folder && !MayUse[folder].Contains(other)).Select(Namespace).ToArray();
        var result = Types.InAssembly(Core).That().ResideInNamespace(Namespace(folder)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        var offenders = (result.FailingTypes ?? []).Select(t => $"{t.FullName} ({t.Explanation})").Order().ToList();
        Assert.IsEmpty(offenders, $"{folder} may use only {string.Join(", ", MayUse[folder])}; these types reach further: {string.Join(", ", offenders)}");
    }

    [TestMethod]
    public void EveryFolderOfCore_HasARule()
    {
        var namespaces = Core.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("LoadTestTui.Core.", StringComparison.Ordinal))
            .Select(n => n["LoadTestTui.Core.".Length..].Split('.')[0])
            .Distinct().Order().ToList();
        CollectionAssert.AreEquivalent(MayUse.Keys.Order().ToList(), namespaces, "a new folder needs its place in the dependency order");
    }

    [TestMethod]
    public void Rule_CatchesADependencyThatExists()
    {
        // The rule must be able to fail: the engine does use the bots.
        var result = Types.InAssembly(Core).That().ResideInNamespace(Namespace("Engine")).ShouldNot().HaveDependencyOnAny(Namespace("Bots")).GetResult();
        Assert.IsFalse(result.IsSuccessful);
    }

    private static string Namespace(string folder) => "LoadTestTui.Core." + folder;
}
