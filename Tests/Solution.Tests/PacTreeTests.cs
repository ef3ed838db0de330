using System.IO.Compression;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>
/// Trees as <c>pac solution unpack</c> writes them: <c>--packagetype Both</c> ({id}.xml + {id}_managed.xml as one component),
/// steps of plug-in packages naming their type by <c>PluginTypeExportKey</c> only, and solutions that are not ours.
/// </summary>
[TestClass]
public sealed class PacTreeTests
{
    private const string Form = "Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}.xml";
    private const string ManagedForm = "Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}_managed.xml";
    private const string PackageStep = "SdkMessageProcessingSteps/{77777777-0000-4000-8000-0000000000a2}.xml";

    [TestMethod]
    [DataRow(false, "Name")]
    [DataRow(true, "")]
    public void Pack_BothTree_UsesTheVariantOfTheZipType(bool managed, string expectedLabel)
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddManagedFormVariant(workspace);

        // Act
        var customizations = PackedCustomizations(workspace, managed);

        // Assert
        var forms = customizations.Descendants("systemform").Where(f => f.Element("formid")!.Value == "{11111111-0000-4000-8000-000000000001}").ToList();
        Assert.HasCount(1, forms, "one component, not two");
        var label = forms[0].Descendants("cell").First(c => c.Attribute("id")!.Value == "{11111111-0000-4000-8000-000000000004}").Element("labels")!.Elements("label").First();
        Assert.AreEqual(expectedLabel, label.Attribute("description")!.Value);
    }

    [TestMethod]
    public void Check_BothTree_ReportsNoFindings()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddManagedFormVariant(workspace);

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        // Assert
        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void UnpackBoth_PackedZips_WritesManagedVariantsAndPacksTheSameZipsAgain()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddManagedFormVariant(workspace);
        var first = SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("first") });
        var unpacked = workspace.Folder("unpacked");

        // Act
        var result = SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = first.Files[0], OutputFolder = unpacked, PackageType = PackageType.Both });
        var again = SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("again") });

        // Assert
        Assert.AreEqual(1, result.ManagedVariants);
        Assert.IsTrue(File.Exists(Path.Combine(unpacked, ManagedForm)));
        Assert.AreEqual("2", XElement.Load(Path.Combine(unpacked, "Other", "Solution.xml")).Element("SolutionManifest")!.Element("Managed")!.Value);
        Assert.IsEmpty(SolutionChecker.Check(new CheckOptions { SourceFolder = unpacked }).Findings);
        for (var i = 0; i < 2; i++)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(first.Files[i]), File.ReadAllBytes(again.Files[i]), Path.GetFileName(first.Files[i]));
        }
    }

    [TestMethod]
    public void Unpack_PackageTypeNotMatchingTheZip_FailsWithMessage()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var zip = SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out"), Managed = false }).Files[0];

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = zip, OutputFolder = workspace.Folder("unpacked"), PackageType = PackageType.Managed }));

        // Assert
        Assert.Contains("package type mismatch", error.Message);
    }

    [TestMethod]
    public void Pack_StepByExportKey_CarriesTheStepAndThePackage()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddPackageStep(workspace);

        // Act
        var bytes = SolutionPacker.PackToBytes(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out") }, managed: false, out _, out _);

        // Assert
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        var step = XElement.Load(stream).Descendants("SdkMessageProcessingStep").Single(s => s.Attribute("SdkMessageProcessingStepId")!.Value == "{77777777-0000-4000-8000-0000000000a2}");
        Assert.AreEqual("77777777-0000-4000-8000-0000000000ee", step.Element("PluginTypeExportKey")!.Value);
        Assert.IsNotNull(zip.GetEntry("pluginpackages/apx_FixturePackage/pluginpackage.xml"));
        Assert.IsNotNull(zip.GetEntry("pluginpackages/apx_FixturePackage/package/apx_FixturePackage.nupkg"));
    }

    [TestMethod]
    public void Check_StepByExportKey_ReportsNoFindings()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddPackageStep(workspace);

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        // Assert
        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_TwoPackageStepsOnTheSameMessage_AreNotDuplicates()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        AddPackageStep(workspace);
        var second = File.ReadAllText(workspace.PathOf(PackageStep))
            .Replace("77777777-0000-4000-8000-0000000000a2", "77777777-0000-4000-8000-0000000000a3", StringComparison.Ordinal)
            .Replace("77777777-0000-4000-8000-0000000000ee", "77777777-0000-4000-8000-0000000000ef", StringComparison.Ordinal);
        File.WriteAllText(workspace.PathOf("SdkMessageProcessingSteps/{77777777-0000-4000-8000-0000000000a3}.xml"), second);
        workspace.Replace("Other/Solution.xml", "</RootComponents>", "  <RootComponent type=\"92\" id=\"{77777777-0000-4000-8000-0000000000a3}\" behavior=\"0\" />\n    </RootComponents>");

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        // Assert
        Assert.IsEmpty(result.Findings, string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_ForeignExport_HasNoErrorsWithoutHouseRules()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var unpacked = UnpackForeignExport(workspace);

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = unpacked });

        // Assert
        Assert.AreEqual(0, result.Errors, string.Join(Environment.NewLine, result.Findings));
        Assert.IsFalse(result.HouseRules);
        Assert.IsFalse(result.Findings.Any(f => RuleScope.HouseOnlyRules.Contains(f.RuleId)), "no house rule findings");
        Assert.IsFalse(result.Findings.Any(f => f.RuleId == Rules.LabelMissing), "only the base language is required");
    }

    [TestMethod]
    public void Check_ForeignExportWithHouseRules_RequiresGermanLabels()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var unpacked = UnpackForeignExport(workspace);

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = unpacked, HouseRules = true });

        // Assert
        Assert.IsTrue(result.HouseRules);
        Assert.IsTrue(result.Findings.Any(f => f.RuleId == Rules.LabelMissing && f.Message.Contains("1031", StringComparison.Ordinal)), string.Join(Environment.NewLine, result.Findings));
    }

    [TestMethod]
    public void Check_OurFixture_AppliesHouseRules()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Entities/apx_FixturePlan/SavedQueries/{22222222-0000-4000-8000-000000000001}.xml", "<LocalizedName description=\"Aktive Testpläne\" languagecode=\"1031\" />", string.Empty);

        // Act
        var result = SolutionChecker.Check(new CheckOptions { SourceFolder = workspace.Source });

        // Assert
        Assert.IsTrue(result.HouseRules);
        Assert.IsTrue(result.Findings.Any(f => f.RuleId == Rules.LabelMissing && f.Message.Contains("1031", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void UnpackBothPack_ForeignExports_ChecksCleanAndGivesBackBothZips()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var folder = workspace.Folder("export");
        var families = ExportFixture.Families(workspace.Token);
        var unmanaged = ExportFixture.Write(folder, workspace.PluginDll, workspace.Token, families);
        var managed = ExportFixture.Write(folder, workspace.PluginDll, workspace.Token, families, managed: true);
        var unpacked = workspace.Folder("both");

        // Act
        var result = SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = unmanaged, OutputFolder = unpacked, PackageType = PackageType.Both });
        var check = SolutionChecker.Check(new CheckOptions { SourceFolder = unpacked });
        var again = SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("again") });

        // Assert
        Assert.AreEqual(1, result.ManagedVariants, "only the form differs");
        Assert.AreEqual(0, check.Errors, string.Join(Environment.NewLine, check.Findings));
        Assert.IsFalse(check.Findings.Any(f => f.RuleId == Rules.DuplicateId), "the pair is one component");
        ExportRoundTripTests.AssertSameSolution(unmanaged, again.Files[0]);
        ExportRoundTripTests.AssertSameSolution(managed, again.Files[1]);
    }

    internal static string UnpackForeignExport(FixtureWorkspace workspace)
    {
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));
        var unpacked = workspace.Folder("foreign");
        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = export, OutputFolder = unpacked });
        return unpacked;
    }

    internal static void AddManagedFormVariant(FixtureWorkspace workspace)
    {
        // pac's managed variant differs in small ways, e.g. blank cell labels (real-export facts §2).
        File.Copy(workspace.PathOf(Form), workspace.PathOf(ManagedForm));
        workspace.Replace(ManagedForm, "<label description=\"Name\" languagecode=\"1033\" />", "<label description=\"\" languagecode=\"1033\" />");
    }

    internal static void AddPackageStep(FixtureWorkspace workspace)
    {
        var step = XElement.Parse(ExportFixture.StepXml(
            "PlanCreate: Create of apx_fixtureplan",
            "77777777-0000-4000-8000-0000000000a2",
            ExportFixture.CreateMessage,
            "<PluginTypeExportKey>77777777-0000-4000-8000-0000000000ee</PluginTypeExportKey>",
            "apx_fixtureplan",
            string.Empty));
        File.WriteAllBytes(workspace.PathOf(PackageStep), XmlFiles.ToUnpackedBytes(XmlFiles.AsFileRoot(step)));
        Directory.CreateDirectory(workspace.PathOf("pluginpackages/apx_FixturePackage/package"));
        File.WriteAllText(workspace.PathOf("pluginpackages/apx_FixturePackage/pluginpackage.xml"), "<pluginpackage uniquename=\"apx_FixturePackage\"><name>apx_FixturePackage</name><version>1.0.0</version></pluginpackage>");
        File.WriteAllBytes(workspace.PathOf("pluginpackages/apx_FixturePackage/package/apx_FixturePackage.nupkg"), [0x50, 0x4B, 0x03, 0x04, 0x0A]);
        workspace.Replace("Other/Solution.xml", "</RootComponents>", "  <RootComponent type=\"92\" id=\"{77777777-0000-4000-8000-0000000000a2}\" behavior=\"0\" />\n    </RootComponents>");
    }

    private static XElement PackedCustomizations(FixtureWorkspace workspace, bool managed)
    {
        var bytes = SolutionPacker.PackToBytes(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out") }, managed, out _, out _);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        return XElement.Load(stream);
    }
}
