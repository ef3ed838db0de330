using System.IO.Compression;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

[TestClass]
public sealed class PackerTests
{
    private const string WebResourcePart = "WebResources/apx_scriptsfixtureformjs55555555-0000-4000-8000-000000000001";
    private const string PluginPart = "PluginAssemblies/FixturePlugins-66666666-0000-4000-8000-000000000001/FixturePlugins.dll";

    private static PackOptions Options(FixtureWorkspace workspace, string output, string? webResources = null) => new()
    {
        SourceFolder = workspace.Source,
        PluginAssemblies = [workspace.PluginDll],
        WebResourceFolder = webResources,
        OutputFolder = output,
    };

    [TestMethod]
    public void Pack_Fixture_WritesUnmanagedAndManagedZips()
    {
        using var workspace = new FixtureWorkspace();

        var result = SolutionPacker.Pack(Options(workspace, workspace.Folder("out")));

        CollectionAssert.AreEqual(
            new[] { "FixtureSolution_1_2_3_4.zip", "FixtureSolution_1_2_3_4_managed.zip" },
            result.Files.Select(Path.GetFileName).ToArray());
        Assert.AreEqual("1.2.3.4", result.Version);
    }

    [TestMethod]
    public void Pack_TwoBuilds_AreByteIdentical()
    {
        using var workspace = new FixtureWorkspace();

        var first = SolutionPacker.Pack(Options(workspace, workspace.Folder("out1")));
        Thread.Sleep(1100); // a later wall-clock second must not change the bytes
        var second = SolutionPacker.Pack(Options(workspace, workspace.Folder("out2")));

        for (var i = 0; i < first.Files.Count; i++)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(first.Files[i]), File.ReadAllBytes(second.Files[i]), Path.GetFileName(first.Files[i]));
        }
    }

    [TestMethod]
    public void Pack_Zip_HasExportLayout()
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed: false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.AreEqual("customizations.xml", names[0]);
        Assert.AreEqual("solution.xml", names[1]);
        Assert.AreEqual("[Content_Types].xml", names[^1]);
        CollectionAssert.Contains(names, WebResourcePart);
        CollectionAssert.Contains(names, PluginPart);
        CollectionAssert.Contains(names, "customapis/apx_FixtureRecalculate/customapi.xml");
        Assert.IsFalse(names.Any(n => n.EndsWith('/') || n.Contains('\\')), "no directory entries, no backslashes");
        Assert.IsTrue(zip.Entries.All(e => e.LastWriteTime.Year == 2000), "fixed timestamps");
        CollectionAssert.AreEqual(File.ReadAllBytes(workspace.PluginDll), Read(zip, PluginPart));
        CollectionAssert.AreEqual(File.ReadAllBytes(workspace.PathOf("WebResources/apx_/scripts/fixture.form.js")), Read(zip, WebResourcePart));
    }

    [TestMethod]
    public void Pack_RootParts_HaveNoDeclarationOrBom()
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed: false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        foreach (var part in new[] { "customizations.xml", "solution.xml" })
        {
            var content = Read(zip, part);
            Assert.AreEqual((byte)'<', content[0], part);
            Assert.IsFalse(System.Text.Encoding.UTF8.GetString(content).StartsWith("<?xml", StringComparison.Ordinal), part);
        }
    }

    [TestMethod]
    public void Pack_ContentTypes_HasBomAndDeclaration()
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed: false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var content = Read(zip, "[Content_Types].xml");
        CollectionAssert.AreEqual(new byte[] { 0xEF, 0xBB, 0xBF }, content[..3], "UTF-8 byte-order mark");
        StringAssert.StartsWith(System.Text.Encoding.UTF8.GetString(content[3..]), "<?xml version=\"1.0\" encoding=\"utf-8\"?><Types ");
    }

    [TestMethod]
    public void Pack_ContentTypes_DeclareDefaultsAndExtensionlessOverrides()
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed: false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var types = XElement.Load(new MemoryStream(Read(zip, "[Content_Types].xml")));
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        Assert.AreEqual(ns + "Types", types.Name);
        CollectionAssert.AreEqual(new[] { "xml", "dll" }, types.Elements(ns + "Default").Select(d => d.Attribute("Extension")!.Value).ToArray());
        CollectionAssert.AreEqual(new[] { "/" + WebResourcePart }, types.Elements(ns + "Override").Select(o => o.Attribute("PartName")!.Value).ToArray());
        Assert.IsTrue(types.Elements().All(e => e.Attribute("ContentType")!.Value == "application/octet-stream"));
    }

    [TestMethod]
    public void Pack_Customizations_MergesComponentsInSchemaOrder()
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed: false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var root = XElement.Parse(System.Text.Encoding.UTF8.GetString(Read(zip, "customizations.xml")));
        var sections = root.Elements().Select(e => e.Name.LocalName).ToList();
        var indexes = sections.Select(SolutionLayout.SectionIndex).ToList();
        CollectionAssert.AreEqual(indexes.Order().ToList(), indexes, string.Join(",", sections));
        var entity = root.Element("Entities")!.Element("Entity")!;
        Assert.AreEqual("main", entity.Element("FormXml")!.Element("forms")!.Attribute("type")!.Value);
        Assert.IsNotNull(entity.Element("FormXml")!.Element("forms")!.Element("systemform"));
        Assert.IsNotNull(entity.Element("SavedQueries")!.Element("savedqueries")!.Element("savedquery"));
        Assert.IsNotNull(entity.Element("Visualizations")!.Element("visualization"));
        Assert.IsNotNull(entity.Element("RibbonDiffXml")!.Element("CustomActions"));
        Assert.AreEqual("apx_account_apx_fixtureplan", root.Element("EntityRelationships")!.Element("EntityRelationship")!.Attribute("Name")!.Value);
        Assert.IsNotNull(root.Element("Roles")!.Element("Role"));
        Assert.IsNotNull(root.Element("optionsets")!.Element("optionset"));
        Assert.IsNotNull(root.Element("WebResources")!.Element("WebResource"));
        Assert.IsNotNull(root.Element("SolutionPluginAssemblies")!.Element("PluginAssembly"));
        Assert.IsNotNull(root.Element("SdkMessageProcessingSteps")!.Element("SdkMessageProcessingStep"));
        Assert.IsNotNull(root.Element("AppModuleSiteMaps")!.Element("AppModuleSiteMap"));
        Assert.IsNotNull(root.Element("AppModules")!.Element("AppModule"));
        Assert.IsFalse(root.Descendants().Any(e => e.Attributes().Any(a => a.IsNamespaceDeclaration)), "xmlns:xsi only on the root");
    }

    [TestMethod]
    [DataRow(false, "0")]
    [DataRow(true, "1")]
    public void Pack_ManagedFlag_FollowsPackageType(bool managed, string expected)
    {
        using var workspace = new FixtureWorkspace();

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), managed, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var solution = XElement.Parse(System.Text.Encoding.UTF8.GetString(Read(zip, "solution.xml")));
        Assert.AreEqual(expected, solution.Element("SolutionManifest")!.Element("Managed")!.Value);
    }

    [TestMethod]
    public void Pack_ManagedFormVariant_IsUsedOnlyInManagedZip()
    {
        using var workspace = new FixtureWorkspace();
        var form = workspace.PathOf("Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}.xml");
        File.WriteAllText(form.Replace(".xml", "_managed.xml", StringComparison.Ordinal), File.ReadAllText(form).Replace("Main form", "Managed main form", StringComparison.Ordinal));

        var unmanaged = Customizations(SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), false, out _, out _));
        var managed = Customizations(SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out")), true, out _, out _));

        Assert.DoesNotContain("Managed main form", unmanaged);
        Assert.Contains("Managed main form", managed);
    }

    [TestMethod]
    public void Pack_WebResourceFolder_WinsOverSourceContent()
    {
        using var workspace = new FixtureWorkspace();
        var dist = workspace.Folder("dist");
        Directory.CreateDirectory(Path.Combine(dist, "apx_", "scripts"));
        File.WriteAllText(Path.Combine(dist, "apx_", "scripts", "fixture.form.js"), "built();");

        var bytes = SolutionPacker.PackToBytes(Options(workspace, workspace.Folder("out"), dist), false, out _, out _);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        Assert.AreEqual("built();", System.Text.Encoding.UTF8.GetString(Read(zip, WebResourcePart)));
    }

    [TestMethod]
    public void Pack_MissingWebResourceContent_NamesTheMetadataFile()
    {
        using var workspace = new FixtureWorkspace();
        File.Delete(workspace.PathOf("WebResources/apx_/scripts/fixture.form.js"));

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.Pack(Options(workspace, workspace.Folder("out"))));

        Assert.AreEqual("WebResources/apx_/scripts/fixture.form.js.data.xml", error.File);
        Assert.Contains("apx_/scripts/fixture.form.js", error.Message);
    }

    [TestMethod]
    public void Pack_MissingPluginAssembly_NamesTheMetadataFile()
    {
        using var workspace = new FixtureWorkspace();

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, OutputFolder = workspace.Folder("out") }));

        Assert.EndsWith("FixturePlugins.dll.data.xml", error.File);
        Assert.Contains("--plugin", error.Message);
    }

    [TestMethod]
    public void Pack_PluginIdentityMismatch_Fails()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace("PluginAssemblies/FixturePlugins-66666666-0000-4000-8000-000000000001/FixturePlugins.dll.data.xml", "FullName=\"Fixture.Plugins, Version=1.0.0.0", "FullName=\"Fixture.Plugins, Version=2.0.0.0");

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.Pack(Options(workspace, workspace.Folder("out"))));

        Assert.Contains("does not match the built assembly", error.Message);
    }

    [TestMethod]
    public void Pack_BrokenXml_ReportsFileAndLine()
    {
        using var workspace = new FixtureWorkspace();
        workspace.Replace("Roles/Fixture Contributor.xml", "</RolePrivileges>", "</RolePrivilege>");

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionPacker.Pack(Options(workspace, workspace.Folder("out"))));

        Assert.AreEqual("Roles/Fixture Contributor.xml", error.File);
        Assert.AreEqual(12, error.Line);
    }

    [TestMethod]
    public void WebResourcePartName_StripsSeparatorsAndAppendsUpperCaseId()
    {
        var name = SolutionLayout.WebResourcePartName("ppds_/scripts/account.form.js", "{f913c631-18d7-f011-8544-000d3a59b27d}");

        Assert.AreEqual("/WebResources/ppds_scriptsaccountformjsF913C631-18D7-F011-8544-000D3A59B27D", name);
    }

    [TestMethod]
    public void PluginAssemblyPartName_StripsDotsFromTheAssemblyName()
    {
        var name = SolutionLayout.PluginAssemblyPartName("PPDSDemo.Plugins", "24a62556-43da-f011-8543-000d3a3b9cba");

        Assert.AreEqual("/PluginAssemblies/PPDSDemoPlugins-24A62556-43DA-F011-8543-000D3A3B9CBA/PPDSDemoPlugins.dll", name);
    }

    internal static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string Customizations(byte[] zipBytes)
    {
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        return System.Text.Encoding.UTF8.GetString(Read(zip, "customizations.xml"));
    }
}
