using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Packaging.Checking;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>
/// Unpack, check and pack of real-shaped exports that are not ours, at the edges the family fixtures do not reach: names,
/// encodings and XML forms an environment may write.
/// </summary>
[TestClass]
public sealed class ForeignExportEdgeTests
{
    [TestMethod]
    public void UnpackPack_UnmanagedExportWithNamesEndingInManaged_GivesBackEveryPart()
    {
        // Arrange: outside pac's Both layout "_managed" is part of a name, e.g. a global choice or an asset.
        using var workspace = new FixtureWorkspace();
        var family = new ExportFamily(
            "NamesEndingInManaged",
            new Dictionary<string, string>
            {
                ["optionsets"] = """
                    <optionset Name="cfs_priority_managed" localizedName="Managed priority" description="">
                      <OptionSetType>picklist</OptionSetType><IsGlobal>1</IsGlobal><IntroducedVersion>1.0</IntroducedVersion><IsCustomizable>1</IsCustomizable>
                      <displaynames><displayname description="Managed priority" languagecode="1033" /></displaynames>
                      <options><option value="412300000" ExternalValue="" IsHidden="0"><labels><label description="Low" languagecode="1033" /></labels></option></options>
                    </optionset>
                    """,
            },
            ["""<RootComponent type="9" schemaName="cfs_priority_managed" behavior="0" />"""],
            new Dictionary<string, byte[]> { ["Assets/theme_managed.xml"] = Encoding.UTF8.GetBytes("<theme name=\"dispatch\" />") });
        var export = Export(workspace, family);

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        ExportRoundTripTests.AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void UnpackPack_TextOfOnlyWhitespace_KeepsTheValue()
    {
        // Arrange: a web resource description of one space (split into its .data.xml) and a connection reference name
        // of two (inline in Other/Customizations.xml); whitespace-only text is a value, not indentation.
        using var workspace = new FixtureWorkspace();
        var family = new ExportFamily("WhitespaceValues", new Dictionary<string, string>(), [], new Dictionary<string, byte[]>(), customizations =>
        {
            customizations.Element("WebResources")!.Element("WebResource")!.Element("DisplayName")!.AddAfterSelf(new XElement("Description", " "));
            customizations.Element("connectionreferences")!.Element("connectionreference")!.Element("connectionreferencedisplayname")!.Value = "  ";
        });
        var export = Export(workspace, family);

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        var customizations = PackedCustomizations(repacked);
        Assert.AreEqual(" ", customizations.Descendants("WebResource").Single().Element("Description")!.Value);
        Assert.AreEqual("  ", customizations.Descendants("connectionreferencedisplayname").Single().Value);
        ExportRoundTripTests.AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void UnpackPack_RolesSharingAName_KeepsEveryRole()
    {
        // Arrange: an environment may hold two roles of the same name; a third differs only in case.
        using var workspace = new FixtureWorkspace();
        var family = new ExportFamily(
            "RolesSharingAName",
            new Dictionary<string, string>
            {
                ["Roles"] = """
                    <Role id="{4f1c2a10-0000-4000-8000-0000000000f2}" name="Dispatcher">
                      <RolePrivileges><RolePrivilege name="prvReadcfs_Job" level="Basic" /></RolePrivileges>
                    </Role>
                    """,
            },
            ["""<RootComponent type="20" id="{4f1c2a10-0000-4000-8000-0000000000f2}" behavior="0" />""", """<RootComponent type="20" id="{4f1c2a10-0000-4000-8000-0000000000f3}" behavior="0" />"""],
            new Dictionary<string, byte[]>(),
            customizations => customizations.Element("Roles")!.Add(XElement.Parse("""<Role id="{4f1c2a10-0000-4000-8000-0000000000f3}" name="dispatcher"><RolePrivileges><RolePrivilege name="prvWritecfs_Job" level="Basic" /></RolePrivileges></Role>""")));
        var export = Export(workspace, family);

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        Assert.HasCount(3, PackedCustomizations(repacked).Element("Roles")!.Elements("Role"));
        ExportRoundTripTests.AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void UnpackCheckPack_WebResourceNamedDataXml_IsContentNotMetadata()
    {
        // Arrange: an XML web resource whose name ends in .data.xml; its metadata is unpacked as <name>.data.xml.data.xml.
        using var workspace = new FixtureWorkspace();
        const string id = "4f1c2a10-0000-4000-8000-0000000000e6";
        var family = new ExportFamily(
            "WebResourceNamedDataXml",
            new Dictionary<string, string>
            {
                ["WebResources"] = $"""
                    <WebResource>
                      <WebResourceId>{"{" + id + "}"}</WebResourceId>
                      <Name>cfs_/data/routes.data.xml</Name>
                      <DisplayName>Route data</DisplayName>
                      <LanguageCode>1033</LanguageCode>
                      <WebResourceType>4</WebResourceType>
                      <IntroducedVersion>1.0.0.0</IntroducedVersion>
                      <IsEnabledForMobileClient>0</IsEnabledForMobileClient>
                      <IsAvailableForMobileOffline>0</IsAvailableForMobileOffline>
                      <IsCustomizable>1</IsCustomizable>
                      <CanBeDeleted>1</CanBeDeleted>
                      <IsHidden>0</IsHidden>
                      <FileName>/WebResources/cfs_dataroutesdataxml{id.ToUpperInvariant()}</FileName>
                    </WebResource>
                    """,
            },
            ["""<RootComponent type="61" schemaName="cfs_/data/routes.data.xml" behavior="0" />"""],
            new Dictionary<string, byte[]> { [$"WebResources/cfs_dataroutesdataxml{id.ToUpperInvariant()}"] = Encoding.UTF8.GetBytes("<routes><route id=\"1\" /></routes>") });
        var export = Export(workspace, family);

        // Act
        var repacked = RoundTrip(workspace, export);

        // Assert
        Assert.HasCount(2, PackedCustomizations(repacked).Element("WebResources")!.Elements("WebResource"));
        ExportRoundTripTests.AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void UnpackPack_ZipWithBackslashNamesAndFolderEntries_GivesBackEveryPart()
    {
        // Arrange: a zip rewritten by a Windows tool: '\' separators, folder entries, one of them with '\'.
        using var workspace = new FixtureWorkspace();
        var export = Export(workspace);
        var entries = Entries(export);
        var rewritten = Rewrite(workspace, export, [("bots\\", null), ("Assets/", null), .. entries.Select(e => (e.Name.StartsWith("bots/", StringComparison.Ordinal) ? e.Name.Replace('/', '\\') : e.Name, (byte[]?)e.Bytes))]);

        // Act
        var repacked = RoundTrip(workspace, rewritten);

        // Assert
        ExportRoundTripTests.AssertSameSolution(export, repacked);
    }

    [TestMethod]
    public void Unpack_ZipHoldingAPartTwice_FailsNamingThePart()
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = Export(workspace);
        var entries = Entries(export);
        var rewritten = Rewrite(workspace, export, [.. entries.Select(e => (e.Name, (byte[]?)e.Bytes)), ("bots\\cfs_helper\\bot.xml", Encoding.UTF8.GetBytes("<bot />"))]);

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = rewritten, OutputFolder = workspace.Folder("unpacked") }));

        // Assert
        Assert.Contains("bots/cfs_helper/bot.xml twice", error.Message);
    }

    [TestMethod]
    [DataRow("customizations.xml", "<Customizations />")]
    [DataRow("solution.xml", "<ImportExportXml />")]
    public void Unpack_RootPartNotASolutionPart_FailsNamingThePart(string part, string xml)
    {
        // Arrange
        using var workspace = new FixtureWorkspace();
        var export = Export(workspace);
        var rewritten = Rewrite(workspace, export, [.. Entries(export).Select(e => (e.Name, (byte[]?)(e.Name == part ? Encoding.UTF8.GetBytes(xml) : e.Bytes)))]);

        // Act
        var error = Assert.ThrowsExactly<SolutionFileException>(() => SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = rewritten, OutputFolder = workspace.Folder("unpacked") }));

        // Assert
        Assert.EndsWith("/" + part, error.File);
        Assert.Contains("not a solution part", error.Message);
    }

    private static List<(string Name, byte[] Bytes)> Entries(string zipPath) => [.. ExportFixture.ReadParts(zipPath).Select(p => (p.Key, p.Value))];

    /// <summary>Writes the entries (null bytes: a folder entry) as a zip of the same name in a new folder.</summary>
    private static string Rewrite(FixtureWorkspace workspace, string zipPath, IEnumerable<(string Name, byte[]? Bytes)> entries)
    {
        var path = Path.Combine(workspace.Folder("rewritten"), Path.GetFileName(zipPath));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(bytes ?? []);
        }

        return path;
    }

    private static XElement PackedCustomizations(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry("customizations.xml")!.Open();
        return XElement.Load(stream, LoadOptions.PreserveWhitespace);
    }

    private static string Export(FixtureWorkspace workspace, params ExportFamily[] extra) =>
        ExportFixture.Write(workspace.Folder("export"), workspace.PluginDll, workspace.Token, ExportFixture.Families(workspace.Token).Concat(extra));

    private static string RoundTrip(FixtureWorkspace workspace, string export)
    {
        var unpacked = workspace.Folder("unpacked");
        SolutionUnpacker.Unpack(new UnpackOptions { ZipFile = export, OutputFolder = unpacked });
        var check = SolutionChecker.Check(new CheckOptions { SourceFolder = unpacked });
        Assert.AreEqual(0, check.Errors, string.Join(Environment.NewLine, check.Findings));
        return SolutionPacker.Pack(new PackOptions { SourceFolder = unpacked, OutputFolder = workspace.Folder("repacked"), Managed = false }).Files.Single();
    }
}
