using System.Xml.Linq;
using AccountPlanXrm.Solution.Tests.Support;
using AccountPlanXrm.Tools.Cli;

namespace AccountPlanXrm.Tools.Tests;

/// <summary><c>apx unpack</c>, <c>pack</c> and <c>check</c> on solutions that are not ours and on pac's Both layout.</summary>
[TestClass]
public sealed class ForeignSolutionCommandTests
{
    private static (int Exit, string Out, string Error) Run(string workingDirectory, params string[] args) => CommandTests.Run(workingDirectory, args);

    [TestMethod]
    public void UnpackThenPack_ExportWithEveryFamily_GivesBackEveryPart()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));

        // Act
        var unpack = Run(workspace.Root, "unpack", "--zip", export, "--out", "foreign");
        var pack = Run(workspace.Root, "pack", "--src", "foreign", "--out", "repacked", "--type", "unmanaged");

        // Assert
        Assert.AreEqual(ExitCodes.Ok, unpack.Exit, unpack.Error);
        Assert.AreEqual(ExitCodes.Ok, pack.Exit, pack.Error);
        var repacked = Path.Combine(workspace.Root, "repacked", ExportFixture.UniqueName + "_2_1_0_7.zip");
        CollectionAssert.AreEquivalent(ExportFixture.ReadParts(export).Keys.ToList(), ExportFixture.ReadParts(repacked).Keys.ToList());
    }

    [TestMethod]
    public void Check_ForeignSolution_AppliesPlatformRulesOnlyAndExitsOk()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));
        Run(workspace.Root, "unpack", "--zip", export, "--out", "foreign");

        // Act
        var (exit, output, error) = Run(workspace.Root, "check", "--src", "foreign");

        // Assert
        Assert.AreEqual(ExitCodes.Ok, exit, output + error);
        Assert.Contains("house rules skipped", output);
        Assert.Contains("check: 0 errors", output);
    }

    [TestMethod]
    public void Check_ForeignSolutionWithHouseRules_ReportsGermanLabels()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));
        Run(workspace.Root, "unpack", "--zip", export, "--out", "foreign");

        // Act
        var (exit, output, _) = Run(workspace.Root, "check", "--src", "foreign", "--house-rules");

        // Assert
        Assert.AreEqual(ExitCodes.Failure, exit);
        Assert.Contains("apx-label-missing warning", output);
        Assert.DoesNotContain("house rules skipped", output);
    }

    [TestMethod]
    public void Unpack_PackageTypeBoth_WritesManagedVariantsBesideTheUnmanagedFiles()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        const string form = "src/Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}";
        File.WriteAllText(Path.Combine(workspace.Root, form + "_managed.xml"), File.ReadAllText(Path.Combine(workspace.Root, form + ".xml"))
            .Replace("<label description=\"Name\" languagecode=\"1033\" />", "<label description=\"\" languagecode=\"1033\" />", StringComparison.Ordinal));
        Run(workspace.Root, "pack", "--src", "src", "--plugin", workspace.PluginDll, "--out", "out");

        // Act
        var (exit, output, error) = Run(workspace.Root, "unpack", "--zip", "out/FixtureSolution_1_2_3_4.zip", "--out", "both", "--packagetype", "both");

        // Assert
        Assert.AreEqual(ExitCodes.Ok, exit, error);
        Assert.Contains("(both, 1 managed variants)", output);
        Assert.IsTrue(File.Exists(Path.Combine(workspace.Root, "both", "Entities", "apx_FixturePlan", "FormXml", "main", "{11111111-0000-4000-8000-000000000001}_managed.xml")));
        Assert.AreEqual("2", XElement.Load(Path.Combine(workspace.Root, "both", "Other", "Solution.xml")).Element("SolutionManifest")!.Element("Managed")!.Value);
    }

    [TestMethod]
    public void Unpack_PackageTypeUnknown_ExitsWithUsage()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        Run(workspace.Root, "pack", "--src", "src", "--plugin", workspace.PluginDll, "--out", "out", "--type", "unmanaged");

        // Act
        var (exit, _, error) = Run(workspace.Root, "unpack", "--zip", "out/FixtureSolution_1_2_3_4.zip", "--out", "x", "--packagetype", "hybrid");

        // Assert
        Assert.AreEqual(ExitCodes.Usage, exit);
        Assert.Contains("--packagetype must be unmanaged, managed or both", error);
    }
}
