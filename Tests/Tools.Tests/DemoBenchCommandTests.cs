using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Tests;

[TestClass]
public sealed class DemoBenchCommandTests
{
    [TestMethod]
    public void Bench_Help_ListsOptionsAndExitsZero()
    {
        var (exit, output, _) = DemoTestSupport.Apx("bench", "--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        StringAssert.Contains(output, "usage: apx bench");
        StringAssert.Contains(output, "--rows <n>");
        StringAssert.Contains(output, "--rollup <list>");
    }

    [TestMethod]
    public void Overview_ListsDemoAndBench()
    {
        var (exit, output, _) = DemoTestSupport.Apx("--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        StringAssert.Contains(output, "demo");
        StringAssert.Contains(output, "bench");
    }

    [TestMethod]
    [DataRow("--rows", "10", "must be between 1,000 and 1,000,000")]
    [DataRow("--rows", "lots", "needs a whole number")]
    [DataRow("--rollup", "1000,abc", "comma-separated counts")]
    public void Bench_BadArgument_ExitsWithUsage(string option, string value, string expected)
    {
        var (exit, _, error) = DemoTestSupport.Apx("bench", option, value);

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, expected);
    }

    [TestMethod]
    public void Bench_SmallSizes_PrintsEveryMeasurement()
    {
        var (exit, output, error) = DemoTestSupport.Apx("bench", "--rows", "2000", "--rollup", "300");

        Assert.AreEqual(ExitCodes.Ok, exit, output + error);
        StringAssert.Contains(output, "creates/s without plug-ins");
        StringAssert.Contains(output, "retrieve by id");
        StringAssert.Contains(output, "equality query on a lookup");
        StringAssert.Contains(output, "sum aggregate");
        StringAssert.Contains(output, "overhead per request of one sync step");
        StringAssert.Contains(output, "new emulator from cached metadata");
        StringAssert.Contains(output, "KPI recount from source, 300 opportunities");
        StringAssert.Contains(output, "opportunity change, 300 opportunities (difference from images)");
        StringAssert.Contains(output, "3 requests");
        StringAssert.Contains(output, "completeness step");
    }

    [TestMethod]
    public void Bench_Markdown_WritesTheDatedTableWithTheMachine()
    {
        var file = Path.Combine(Path.GetTempPath(), "apx-tests", Guid.NewGuid().ToString("N"), "benchmarks.md");
        try
        {
            var (exit, output, error) = DemoTestSupport.Apx("bench", "--rows", "2000", "--rollup", "300", "--markdown", file);

            Assert.AreEqual(ExitCodes.Ok, exit, output + error);
            var text = File.ReadAllText(file);
            StringAssert.StartsWith(text, "# Benchmarks");
            StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"\* Date: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC"));
            StringAssert.Contains(text, $"* Machine: {Environment.ProcessorCount} cores");
            StringAssert.Contains(text, "bench --rows 2000 --rollup 300 --markdown docs/benchmarks.md");
            StringAssert.Contains(text, "| area | measurement | result | target |");
            StringAssert.Contains(text, "| roll-up | KPI recount from source, 300 opportunities");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, true);
        }
    }

    [TestMethod]
    public void BenchMarkdown_CellWithPipe_IsEscaped()
    {
        var file = Path.Combine(Path.GetTempPath(), "apx-tests", Guid.NewGuid().ToString("N"), "bench.md");
        try
        {
            AccountPlanXrm.Tools.Bench.BenchMarkdown.Write(file, [new("a|b", "m", "1 | 2")], "2 cores", "--rows 1000", new DateTime(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc));

            var text = File.ReadAllText(file);
            StringAssert.Contains(text, "| a\\|b | m | 1 \\| 2 |  |");
            StringAssert.Contains(text, "* Date: 2026-12-02 15:00 UTC");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, true);
        }
    }
}
