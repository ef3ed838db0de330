using AccountPlanXrm.Solution.Tests.Support;
using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Tests;

[TestClass]
public sealed class CommandTests
{
    internal static (int Exit, string Out, string Error) Run(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandShell.CreateDefault().Run(args, new CommandContext(output, error, workingDirectory));
        return (exit, output.ToString(), error.ToString());
    }

    private static void AssertNoStackTrace(string text) => Assert.DoesNotContain("   at ", text);

    [TestMethod]
    public void Run_NoArguments_PrintsOverviewAndExitsWithUsage()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, _, error) = Run(workspace.Root);

        Assert.AreEqual(ExitCodes.Usage, exit);
        Assert.Contains("commands:", error);
        Assert.Contains("pack", error);
    }

    [TestMethod]
    [DataRow("pack")]
    [DataRow("unpack")]
    [DataRow("check")]
    public void Run_CommandHelp_PrintsUsageAndExitsOk(string command)
    {
        using var workspace = new FixtureWorkspace();

        var (exit, output, _) = Run(workspace.Root, command, "--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        Assert.StartsWith($"usage: apx {command}", output);
        Assert.Contains("exit codes: 0 ok, 1 findings or failure, 2 bad arguments", output);
    }

    [TestMethod]
    public void Run_GlobalHelp_ExitsOk()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, output, _) = Run(workspace.Root, "--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        Assert.Contains("unpack", output);
    }

    [TestMethod]
    [DataRow(new[] { "frobnicate" }, "unknown command 'frobnicate'", DisplayName = "unknown command")]
    [DataRow(new[] { "check", "--colour" }, "unknown option '--colour'", DisplayName = "unknown option")]
    [DataRow(new[] { "check", "--src" }, "needs a value", DisplayName = "missing value")]
    [DataRow(new[] { "check", "src" }, "unexpected argument 'src'", DisplayName = "positional argument")]
    [DataRow(new[] { "check", "--src", "nowhere" }, "--src: folder not found: nowhere", DisplayName = "missing source folder")]
    [DataRow(new[] { "unpack", "--out", "x" }, "missing required option '--zip <file>'", DisplayName = "missing required option")]
    [DataRow(new[] { "unpack", "--zip", "missing.zip", "--out", "x" }, "--zip: file not found: missing.zip", DisplayName = "missing zip")]
    [DataRow(new[] { "pack", "--src", "src", "--plugin", "missing.dll" }, "--plugin: file not found: missing.dll", DisplayName = "missing plug-in")]
    [DataRow(new[] { "pack", "--src", "src", "--type", "hybrid" }, "--type must be both, unmanaged or managed", DisplayName = "bad package type")]
    [DataRow(new[] { "pack", "--out", "a", "--out", "b" }, "given more than once", DisplayName = "repeated option")]
    public void Run_BadArguments_ExitsWithUsage(string[] args, string message)
    {
        using var workspace = new FixtureWorkspace();

        var (exit, _, error) = Run(workspace.Root, args);

        Assert.AreEqual(ExitCodes.Usage, exit, error);
        Assert.Contains(message, error);
    }

    [TestMethod]
    public void Check_Fixture_ExitsOkWithSummary()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, output, _) = Run(workspace.Root, "check", "--src", "src");

        Assert.AreEqual(ExitCodes.Ok, exit, output);
        Assert.Contains("check: 0 errors, 0 warnings", output);
    }

    [TestMethod]
    public void Check_Finding_PrintsLinterLineAndExitsWithFailure()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace("SdkMessageProcessingSteps/{77777777-0000-4000-8000-000000000001}.xml", "<FilteringAttributes>apx_budget,apx_rating</FilteringAttributes>", "<FilteringAttributes />");

        var (exit, output, _) = Run(workspace.Root, "check", "--src", "src");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("src/SdkMessageProcessingSteps/{77777777-0000-4000-8000-000000000001}.xml:8: meta-avoid-reg-no-attribute error", output);
    }

    [TestMethod]
    public void Check_BrokenXml_PrintsFileAndLineWithoutStackTrace()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Other/Customizations.xml", "<Roles />", "<Roles>");

        var (exit, output, error) = Run(workspace.Root, "check", "--src", "src");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("src/Other/Customizations.xml:", output);
        Assert.Contains("apx-xml-malformed error", output);
        AssertNoStackTrace(output + error);
    }

    [TestMethod]
    public void Check_Rules_ListsRuleIds()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, output, _) = Run(workspace.Root, "check", "--rules");

        Assert.AreEqual(ExitCodes.Ok, exit);
        Assert.Contains("meta-remove-dup-reg", output);
        Assert.Contains("apx-choice-prefix", output);
    }

    [TestMethod]
    public void Pack_Fixture_WritesBothZipsAndExitsOk()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, output, error) = Run(workspace.Root, "pack", "--src", "src", "--plugin", workspace.PluginDll, "--out", "out");

        Assert.AreEqual(ExitCodes.Ok, exit, error);
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "out", "FixtureSolution_1_2_3_4.zip")));
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "out", "FixtureSolution_1_2_3_4_managed.zip")));
        Assert.Contains("wrote out/FixtureSolution_1_2_3_4.zip", output);
    }

    [TestMethod]
    public void Pack_PluginNotBuilt_FailsWithFileAndHint()
    {
        using var workspace = new FixtureWorkspace();

        var (exit, _, error) = Run(workspace.Root, "pack", "--src", "src", "--out", "out");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("src/PluginAssemblies/FixturePlugins-66666666-0000-4000-8000-000000000001/FixturePlugins.dll.data.xml:2: error", error);
        Assert.Contains("--plugin", error);
        AssertNoStackTrace(error);
    }

    [TestMethod]
    public void Pack_BrokenXml_FailsWithFileAndLine()
    {
        using var workspace = new FixtureWorkspace();
        var rolePath = Path.Combine(workspace.Root, "src", "Roles", "Fixture Contributor.xml");
        var brokenLine = Array.FindIndex(File.ReadAllLines(rolePath), l => l.Contains("</RolePrivileges>", StringComparison.Ordinal)) + 1;
        workspace.Replace("Roles/Fixture Contributor.xml", "</RolePrivileges>", "</RolePrivilege>");

        var (exit, _, error) = Run(workspace.Root, "pack", "--src", "src", "--plugin", workspace.PluginDll, "--out", "out");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.IsGreaterThan(0, brokenLine);
        Assert.Contains($"src/Roles/Fixture Contributor.xml:{brokenLine}: error XML is not well formed", error);
        AssertNoStackTrace(error);
    }

    [TestMethod]
    public void Unpack_PackedFixture_WritesLayoutAndExitsOk()
    {
        using var workspace = new FixtureWorkspace();
        Run(workspace.Root, "pack", "--src", "src", "--plugin", workspace.PluginDll, "--out", "out", "--type", "unmanaged");

        var (exit, output, error) = Run(workspace.Root, "unpack", "--zip", "out/FixtureSolution_1_2_3_4.zip", "--out", "unpacked", "--webresources", "web", "--clean");

        Assert.AreEqual(ExitCodes.Ok, exit, error);
        Assert.Contains("(unmanaged)", output);
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "unpacked", "Entities", "apx_FixturePlan", "Entity.xml")));
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "web", "apx_", "scripts", "fixture.form.js")));
    }

    [TestMethod]
    public void Unpack_NotAZip_FailsWithMessage()
    {
        using var workspace = new FixtureWorkspace();
        File.WriteAllText(Path.Combine(workspace.Root, "notes.zip"), "not a zip");

        var (exit, _, error) = Run(workspace.Root, "unpack", "--zip", "notes.zip", "--out", "unpacked");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("notes.zip:0: error not a valid zip file", error);
        AssertNoStackTrace(error);
    }

    [TestMethod]
    public void Unpack_BrokenCustomizations_FailsWithFileAndLine()
    {
        using var workspace = new FixtureWorkspace();
        var zip = Path.Combine(workspace.Root, "broken.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("customizations.xml", "<ImportExportXml>\n<Entities>\n</ImportExportXml>"), ("solution.xml", "<ImportExportXml />"), ("[Content_Types].xml", "<Types />") })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        var (exit, _, error) = Run(workspace.Root, "unpack", "--zip", "broken.zip", "--out", "unpacked");

        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("broken.zip/customizations.xml:3: error XML is not well formed", error);
        AssertNoStackTrace(error);
    }
}
