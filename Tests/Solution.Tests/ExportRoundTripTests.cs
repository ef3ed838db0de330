using System.IO.Compression;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>
/// Unpack then pack of solutions that are not ours, one fixture per component family of real-export facts §2: every part
/// comes back byte for byte, customizations.xml and solution.xml keep the same content, [Content_Types].xml covers every part.
/// </summary>
[TestClass]
public sealed class ExportRoundTripTests
{
    public static IEnumerable<object[]> FamilyNames => ExportFixture.Families("0000000000000000").Select(f => new object[] { f.Name });

    [TestMethod]
    [DynamicData(nameof(FamilyNames))]
    public void UnpackPack_ExportWithFamily_GivesBackEveryPartAndTheSameCustomizations(string family)
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token).Where(f => f.Name == family));

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void UnpackPack_ExportWithEveryFamily_GivesBackEveryPartAndTheSameCustomizations()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        AssertSameSolution(export, repacked);
        var expectedParts = ExportFixture.Families(workspace.Token).Sum(f => f.Parts.Count) + 1 + 3; // + the plug-in DLL and the three root parts
        Assert.HasCount(expectedParts, ExportFixture.ReadParts(repacked));
    }

    [TestMethod]
    public void Unpack_ExportWithEveryFamily_WritesUnmodelledPartsUnderTheirOwnPath()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token));
        var unpacked = workspace.Folder("unpacked");

        // Act
        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = export, OutputFolder = unpacked });

        // Assert
        foreach (var file in new[]
        {
            "CanvasApps/cfs_dispatchboard_4a2b1_DocumentUri.msapp", "Formulas/cfs_job-cfs_totalhours.xaml", "bots/cfs_helper/bot.xml",
            "botcomponents/cfs_helper.topic.Greeting/data", "pluginpackages/cfs_FieldServicePlugins/package/cfs_FieldServicePlugins.nupkg",
            "SdkMessageProcessingSteps/{4f1c2a10-0000-4000-8000-000000000007}.xml", "WebResources/cfs_/scripts/job.form.js",
            "WebResources/cfs_/scripts/job.form.js.data.xml", "Workflows/Notifydispatcher-4F1C2A10-0000-4000-8000-000000000001.xaml.data.xml",
        })
        {
            Assert.IsTrue(File.Exists(Path.Combine(unpacked, file)), file);
        }

        var customizations = XElement.Load(Path.Combine(unpacked, "Other", "Customizations.xml"));
        Assert.IsNotNull(customizations.Element("CanvasApps")?.Element("CanvasApp"), "sections the tools do not model stay inline");
    }

    [TestMethod]
    public void Pack_StrayFileBelowOther_FailsNamingTheFile()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        File.WriteAllText(workspace.PathOf("Other/Notes.xml"), "<notes>not a section</notes>");

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _));

        // Assert
        Assert.AreEqual("Other/Notes.xml", error.File);
        Assert.Contains("cannot be carried", error.Message);
    }

    [TestMethod]
    public void Pack_StrayFileInAMergedFolder_FailsNamingTheFile()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        File.WriteAllText(workspace.PathOf("Entities/apx_FixturePlan/notes.txt"), "not a component");

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _));

        // Assert
        Assert.AreEqual("Entities/apx_FixturePlan/notes.txt", error.File);
    }

    [TestMethod]
    public void Pack_MetadataFileOfAnUnmodelledComponent_FailsNamingTheFile()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        Directory.CreateDirectory(workspace.PathOf("CanvasApps"));
        File.WriteAllText(workspace.PathOf("CanvasApps/apx_board.msapp.data.xml"), "<CanvasApp />");
        File.WriteAllBytes(workspace.PathOf("CanvasApps/apx_board.msapp"), [1, 2, 3]);

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _));

        // Assert
        Assert.AreEqual("CanvasApps/apx_board.msapp.data.xml", error.File);
    }

    [TestMethod]
    public void Pack_EmptyUnmodelledFile_FailsNamingTheFile()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        Directory.CreateDirectory(workspace.PathOf("bots/apx_helper"));
        File.WriteAllBytes(workspace.PathOf("bots/apx_helper/configuration.json"), []);

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _));

        // Assert
        Assert.AreEqual("bots/apx_helper/configuration.json", error.File);
        Assert.Contains("empty", error.Message);
    }

    [TestMethod]
    public void Pack_UnmodelledFolder_CarriesItsFilesAndDeclaresTheirExtensions()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        Directory.CreateDirectory(workspace.PathOf("apx_widgets/one"));
        File.WriteAllBytes(workspace.PathOf("apx_widgets/one/payload.bin"), [0, 1, 2]);
        File.WriteAllBytes(workspace.PathOf("apx_widgets/one/data"), [3, 4]);

        // Act
        var bytes = SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _);

        // Assert
        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.IsNotNull(zip.GetEntry("apx_widgets/one/payload.bin"));
        Assert.IsNotNull(zip.GetEntry("apx_widgets/one/data"));
        AssertContentTypesCover(zip);
    }

    [TestMethod]
    public void Pack_EntityWithRibbonPlaceholderBeforeVisualizations_PutsVisualizationsFirst()
    {
        // Arrange: an Entity.xml whose placeholders have the ribbon before the charts.
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Entities/apx_FixturePlan/Entity.xml", "<RibbonDiffXml />", "<RibbonDiffXml />\n  <Visualizations />");

        // Act
        var bytes = SolutionPacker.PackToBytes(Options(workspace), managed: false, out _, out _);

        // Assert
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        var parts = XElement.Load(stream).Element("Entities")!.Element("Entity")!.Elements().Select(e => e.Name.LocalName).ToList();
        CollectionAssert.AreEqual(new[] { "FormXml", "SavedQueries", "Visualizations", "RibbonDiffXml" }, parts.Where(p => p is "FormXml" or "SavedQueries" or "Visualizations" or "RibbonDiffXml").ToList());
    }

    private static PackOptions Options(FixtureWorkspace workspace) =>
        new() { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out") };

    private static string RoundTrip(FixtureWorkspace workspace, string export)
    {
        var unpacked = workspace.Folder("unpacked");
        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = export, OutputFolder = unpacked });
        var result = SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("repacked"), Managed = false });
        return result.Files.Single();
    }

    internal static void AssertSameSolution(string export, string repacked)
    {
        var before = ExportFixture.ReadParts(export);
        var after = ExportFixture.ReadParts(repacked);
        CollectionAssert.AreEquivalent(before.Keys.ToList(), after.Keys.ToList(), "every zip part comes back");
        foreach (var (name, bytes) in before)
        {
            if (name is "customizations.xml" or "solution.xml" or "[Content_Types].xml")
            {
                continue;
            }

            CollectionAssert.AreEqual(bytes, after[name], name);
        }

        foreach (var name in new[] { "customizations.xml", "solution.xml" })
        {
            var original = XElement.Load(new MemoryStream(before[name]));
            var again = XElement.Load(new MemoryStream(after[name]));
            Assert.AreEqual(ExportFixture.Canonical(original), ExportFixture.Canonical(again), name);
            CollectionAssert.AreEqual(original.Elements().Select(e => e.Name.LocalName).ToList(), again.Elements().Select(e => e.Name.LocalName).ToList(), name + " section order");
        }

        using var zip = ZipFile.OpenRead(repacked);
        AssertContentTypesCover(zip);
    }

    private static void AssertContentTypesCover(ZipArchive zip)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        XElement types;
        using (var stream = zip.GetEntry("[Content_Types].xml")!.Open())
        {
            types = XElement.Load(stream);
        }

        var defaults = types.Elements(ns + "Default").Select(d => d.Attribute("Extension")!.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var overrides = types.Elements(ns + "Override").Select(o => o.Attribute("PartName")!.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName != "[Content_Types].xml"))
        {
            var extension = Path.GetExtension(entry.Name).TrimStart('.');
            Assert.IsTrue(defaults.Contains(extension) || overrides.Contains("/" + entry.FullName), entry.FullName + " has a content type");
        }
    }
}
