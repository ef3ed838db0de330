using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Tests;

[TestClass]
public sealed class DemoCommandTests
{
    private static readonly string[] StorySteps =
    [
        "[1] Customer selection: rank accounts by won revenue (apx_RankAccounts)",
        "[2] Create account plans for the selected customers",
        "[3] Fill the plan sections",
        "[4] Completeness gate: try to activate an incomplete plan",
        "[5] Complete the plan and activate it",
        "[6] The first review task",
        "[7] Win and lose opportunities: the KPIs move",
        "[8] Hold the review: complete the task, snapshot and next task",
        "[9] Steering committee decision on a budget-critical measure",
        "[10] Portfolio: recalculate every plan (apx_RecalculatePlan)",
        "[11] Customer selection by margin and by industry (apx_RankAccounts Criterion, IndustryCode)",
        "[12] A seller above the compact threshold gets the compact template",
        "[13] Communication cadence: next contacts, logging a contact, My communications due",
        "[14] Roll-forward into the next period (apx_RollForwardPlan), activation closes the old plan",
        "[15] Rollout cockpit (apx_PortfolioStatus)",
    ];

    private static (int Exit, string Out, string Error, string Report)? _smallRun;

    private static (int Exit, string Out, string Error, string Report) SmallRun()
    {
        if (_smallRun is null)
        {
            var report = DemoTestSupport.TempFile("report.md");
            var (exit, output, error) = DemoTestSupport.Apx("demo", "--seed", "3", "--accounts", "40", "--opportunities", "800", "--report", report);
            _smallRun = (exit, output, error, File.Exists(report) ? File.ReadAllText(report) : "");
        }

        return _smallRun.Value;
    }

    [TestMethod]
    public void Demo_SmallNumbers_PrintsEveryStoryStep()
    {
        var (_, output, _, _) = SmallRun();

        foreach (var step in StorySteps)
        {
            StringAssert.Contains(output, step);
        }
    }

    [TestMethod]
    public void Demo_SmallNumbers_SucceedsWithoutFailedSteps()
    {
        var (exit, output, error, _) = SmallRun();
        Assert.AreEqual(ExitCodes.Ok, exit, output + error);
        Assert.IsFalse(output.Contains("STEP FAILED", StringComparison.Ordinal), output);
        StringAssert.Contains(output, "Story: all 15 steps ok.");
    }

    [TestMethod]
    public void Demo_SmallNumbers_StepsWithoutReviewTasksSucceed()
    {
        var (_, output, _, _) = SmallRun();

        foreach (var step in new[] { 1, 2, 3, 4, 7, 9, 10 })
        {
            var title = StorySteps[step - 1];
            var start = output.IndexOf(title, StringComparison.Ordinal);
            var end = step < StorySteps.Length ? output.IndexOf(StorySteps[step], StringComparison.Ordinal) : output.Length;
            Assert.IsFalse(output[start..end].Contains("STEP FAILED", StringComparison.Ordinal), output[start..end]);
        }
    }

    [TestMethod]
    public void Demo_SmallNumbers_ShowsGateRefusalDecisionAndTimings()
    {
        var (_, output, _, _) = SmallRun();

        StringAssert.Contains(output, "The platform refuses:");
        StringAssert.Contains(output, "refused:");
        StringAssert.Contains(output, "Seeded: 40 accounts");
        StringAssert.Contains(output, "peak working set");
    }

    [TestMethod]
    public void Demo_SmallNumbers_WritesMarkdownReport()
    {
        var (_, _, _, report) = SmallRun();

        StringAssert.StartsWith(report, "# AccountPlanXrm portfolio report");
        StringAssert.Contains(report, "## Portfolio");
        StringAssert.Contains(report, "## Story steps");
        StringAssert.Contains(report, "`apx demo --seed 3 --accounts 40 --opportunities 800`");
    }

    [TestMethod]
    public void Demo_SameSeedTwice_WritesIdenticalReports()
    {
        var first = DemoTestSupport.TempFile("first.md");
        var second = DemoTestSupport.TempFile("second.md");

        DemoTestSupport.Apx("demo", "--seed", "11", "--accounts", "30", "--opportunities", "400", "--report", first);
        DemoTestSupport.Apx("demo", "--seed", "11", "--accounts", "30", "--opportunities", "400", "--report", second);

        Assert.AreEqual(File.ReadAllText(first), File.ReadAllText(second));
    }

    [TestMethod]
    public void Demo_OtherSeed_WritesOtherData()
    {
        var first = DemoTestSupport.TempFile("first.md");
        var second = DemoTestSupport.TempFile("second.md");

        DemoTestSupport.Apx("demo", "--seed", "11", "--accounts", "30", "--opportunities", "400", "--report", first);
        DemoTestSupport.Apx("demo", "--seed", "12", "--accounts", "30", "--opportunities", "400", "--report", second);

        Assert.AreNotEqual(File.ReadAllText(first), File.ReadAllText(second));
    }

    [TestMethod]
    [DataRow("--accounts", "many", "needs a whole number")]
    [DataRow("--accounts", "5", "must be between 20 and 200,000")]
    [DataRow("--opportunities", "-1", "must be between 100 and 2,000,000")]
    [DataRow("--seed", "x1", "needs a whole number")]
    public void Demo_BadNumber_ExitsWithUsageAndNamesTheOption(string option, string value, string expected)
    {
        var (exit, output, error) = DemoTestSupport.Apx("demo", option, value);

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, option);
        StringAssert.Contains(error, expected);
        Assert.AreEqual("", output);
    }

    [TestMethod]
    public void Demo_UnknownOption_ExitsWithUsage()
    {
        var (exit, _, error) = DemoTestSupport.Apx("demo", "--acounts", "300");

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, "unknown option '--acounts'");
    }

    [TestMethod]
    public void Demo_MissingValue_ExitsWithUsage()
    {
        var (exit, _, error) = DemoTestSupport.Apx("demo", "--seed");

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, "--seed");
    }

    [TestMethod]
    public void Demo_MissingSolutionFolder_ExitsWithUsage()
    {
        var (exit, _, error) = DemoTestSupport.Apx("demo", "--src", "no/such/folder");

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, "solution folder not found");
    }

    [TestMethod]
    public void Demo_ReportIsAFolder_ExitsWithUsage()
    {
        var folder = Path.GetDirectoryName(DemoTestSupport.TempFile("x"))!;

        var (exit, _, error) = DemoTestSupport.Apx("demo", "--report", folder);

        Assert.AreEqual(ExitCodes.Usage, exit);
        StringAssert.Contains(error, "--report must name a file");
    }

    [TestMethod]
    public void Demo_Help_ListsOptionsAndExitsZero()
    {
        var (exit, output, _) = DemoTestSupport.Apx("demo", "--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        StringAssert.Contains(output, "usage: apx demo");
        StringAssert.Contains(output, "--accounts <n>");
        StringAssert.Contains(output, "--opportunities <n>");
        StringAssert.Contains(output, "--report <path>");
    }
}
