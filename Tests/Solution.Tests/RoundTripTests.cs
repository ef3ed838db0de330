using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

[TestClass]
public sealed class RoundTripTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void PackUnpackPack_IsByteIdentical(bool managed)
    {
        using var workspace = new FixtureWorkspace();
        var first = workspace.Folder("first");
        var result = SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = first, Managed = managed, Unmanaged = !managed });
        var unpacked = workspace.Folder("unpacked");

        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = result.Files[0], OutputFolder = unpacked });
        var again = SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("again"), Managed = managed, Unmanaged = !managed });

        CollectionAssert.AreEqual(File.ReadAllBytes(result.Files[0]), File.ReadAllBytes(again.Files[0]));
    }

    [TestMethod]
    public void Unpack_WritesSolutionPackagerLayout()
    {
        using var workspace = new FixtureWorkspace();
        var zip = SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out"), Managed = false }).Files[0];
        var unpacked = workspace.Folder("unpacked");

        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = zip, OutputFolder = unpacked });

        string[] expected =
        [
            "Other/Solution.xml", "Other/Customizations.xml", "Other/Relationships.xml", "Other/Relationships/Account.xml",
            "Entities/apx_FixturePlan/Entity.xml", "Entities/apx_FixturePlan/RibbonDiff.xml",
            "Entities/apx_FixturePlan/FormXml/main/{11111111-0000-4000-8000-000000000001}.xml",
            "Entities/apx_FixturePlan/SavedQueries/{22222222-0000-4000-8000-000000000001}.xml",
            "Entities/apx_FixturePlan/Visualizations/{33333333-0000-4000-8000-000000000001}.xml",
            "Roles/Fixture Contributor.xml", "OptionSets/apx_fixturedepth.xml",
            "WebResources/apx_/scripts/fixture.form.js.data.xml", "WebResources/apx_/scripts/fixture.form.js",
            "PluginAssemblies/FixturePlugins-66666666-0000-4000-8000-000000000001/FixturePlugins.dll.data.xml",
            "PluginAssemblies/FixturePlugins-66666666-0000-4000-8000-000000000001/FixturePlugins.dll",
            "SdkMessageProcessingSteps/{77777777-0000-4000-8000-000000000001}.xml",
            "AppModules/apx_FixtureApp/AppModule.xml", "AppModuleSiteMaps/apx_FixtureApp/AppModuleSiteMap.xml",
            "customapis/apx_FixtureRecalculate/customapi.xml",
        ];
        foreach (var file in expected)
        {
            Assert.IsTrue(File.Exists(Path.Combine(unpacked, file)), file);
        }

        var entity = File.ReadAllText(Path.Combine(unpacked, "Entities/apx_FixturePlan/Entity.xml"));
        Assert.Contains("<FormXml />", entity);
        Assert.Contains("<SavedQueries />", entity);
        Assert.Contains("<RibbonDiffXml />", entity);
        var bytes = File.ReadAllBytes(Path.Combine(unpacked, "Other/Solution.xml"));
        Assert.AreEqual("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n", System.Text.Encoding.UTF8.GetString(bytes[..39]), "declaration, no BOM");
    }

    [TestMethod]
    public void Unpack_WebResourceFolder_ReceivesContents()
    {
        using var workspace = new FixtureWorkspace();
        var zip = SolutionPacker.Pack(new PackOptions { SourceFolder = workspace.Source, PluginAssemblies = [workspace.PluginDll], OutputFolder = workspace.Folder("out"), Managed = false }).Files[0];
        var unpacked = workspace.Folder("unpacked");
        var web = workspace.Folder("web");

        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = zip, OutputFolder = unpacked, WebResourceFolder = web });

        Assert.IsTrue(File.Exists(Path.Combine(web, "apx_", "scripts", "fixture.form.js")));
        Assert.IsFalse(File.Exists(Path.Combine(unpacked, "WebResources", "apx_", "scripts", "fixture.form.js")));
    }

    [TestMethod]
    public void Unpack_NotASolutionZip_FailsWithMessage()
    {
        using var workspace = new FixtureWorkspace();
        var zip = Path.Combine(workspace.Folder("zips"), "empty.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            archive.CreateEntry("readme.txt");
        }

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = zip, OutputFolder = workspace.Folder("x") }));

        Assert.Contains("solution.xml, customizations.xml and [Content_Types].xml", error.Message);
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    [TestMethod]
    public void PackUnpackPack_RepositorySolution_IsByteIdentical()
    {
        var source = Repository.FindSolutionSource();
        if (source is null)
        {
            Assert.Inconclusive("skipped: Solution/src not found above the test folder");
        }

        using var workspace = new FixtureWorkspace();
        var dist = Path.Combine(Repository.FindRoot()!, "WebResources", "dist");
        var plugin = Path.Combine(Repository.FindRoot()!, "Plugins", "bin", BuildConfiguration, "net462", "AccountPlanXrm.Plugins.dll");
        var options = new PackOptions
        {
            SourceFolder = source,
            PluginAssemblies = File.Exists(plugin) ? [plugin] : [],
            WebResourceFolder = Directory.Exists(dist) ? dist : null,
            OutputFolder = workspace.Folder("first"),
            Managed = false,
        };
        PackResult first;
        try
        {
            first = SolutionPacker.Pack(options);
        }
        catch (SolutionFileException ex) when (ex.Message.Contains("not found", StringComparison.Ordinal))
        {
            Assert.Inconclusive("skipped: build the plug-ins and web resources first (" + ex.Message + ")");
            return;
        }

        var unpacked = workspace.Folder("unpacked");
        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = first.Files[0], OutputFolder = unpacked });
        var again = SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("again"), Managed = false });

        CollectionAssert.AreEqual(File.ReadAllBytes(first.Files[0]), File.ReadAllBytes(again.Files[0]));
    }
}
