using LoadTestTui.Dashboard;

namespace LoadTestTui.Tests.Dashboard;

[TestClass]
public sealed class DashboardFormatTests
{
    [TestMethod]
    [DataRow(0, "00:00:00")]
    [DataRow(65, "00:01:05")]
    [DataRow(3 * 3600 + 7, "03:00:07")]
    [DataRow(125 * 3600, "125:00:00")]
    [DataRow(-5, "00:00:00")]
    public void Duration_Seconds_FormatsAsHoursMinutesSeconds(int seconds, string expected) =>
        Assert.AreEqual(expected, DashboardFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [TestMethod]
    [DataRow(0.0, "0/s")]
    [DataRow(7.0, "7/s")]
    [DataRow(12.5, "12.5/s")]
    [DataRow(999.0, "999/s")]
    [DataRow(1234.0, "1.2k/s")]
    [DataRow(999_999.0, "1.0M/s")]
    [DataRow(3_400_000.0, "3.4M/s")]
    [DataRow(5.6e9, "5.6G/s")]
    [DataRow(double.NaN, "-/s")]
    public void Rate_PerSecond_UsesSiSuffixes(double value, string expected) =>
        Assert.AreEqual(expected, DashboardFormat.Rate(value));

    [TestMethod]
    [DataRow(0.0, "0 B")]
    [DataRow(512.0, "512 B")]
    [DataRow(1536.0, "1.5 KB")]
    [DataRow(1.5 * 1024 * 1024, "1.5 MB")]
    [DataRow(16.0 * 1024 * 1024 * 1024, "16.0 GB")]
    public void Bytes_Value_UsesBinaryUnits(double value, string expected) =>
        Assert.AreEqual(expected, DashboardFormat.Bytes(value));

    [TestMethod]
    [DataRow(0.4219, "0.42 ms")]
    [DataRow(12.345, "12.3 ms")]
    [DataRow(1234.4, "1234 ms")]
    [DataRow(double.NaN, "-")]
    [DataRow(-1.0, "-")]
    public void Ms_Value_KeepsThreeSignificantDigits(double value, string expected) =>
        Assert.AreEqual(expected, DashboardFormat.Ms(value));

    [TestMethod]
    [DataRow(42.5, "42.5%")]
    [DataRow(150.0, "150.0%")]
    [DataRow(double.NaN, "-")]
    public void Percent_Value_OneDecimal(double value, string expected) =>
        Assert.AreEqual(expected, DashboardFormat.Percent(value));

    [TestMethod]
    public void Int_Thousands_UsesCommaSeparators() =>
        Assert.AreEqual("20,000", DashboardFormat.Int(20_000));
}
