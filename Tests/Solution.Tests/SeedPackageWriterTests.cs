using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Solution.Tests.Support;

namespace AccountPlanXrm.Solution.Tests;

/// <summary>The seed data package over the repository's seed file and solution source.</summary>
[TestClass]
public sealed class SeedPackageWriterTests
{
    private const string FullId = "a81a408a-418c-541b-84b1-66c278adbbb9";
    private const string CompactId = "4c4a2d14-2c93-5857-9a3c-72207cab33e5";

    private static string Root => Repository.FindRoot() ?? throw new AssertFailedException("repository root not found");

    private static string SeedFile => Path.Combine(Root, "Solution", "seed", "plantemplates.xml");

    private static string Source => Path.Combine(Root, "Solution", "src");

    private static Dictionary<string, byte[]> Parts(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static XDocument Part(byte[] zip, string name) => XDocument.Parse(Encoding.UTF8.GetString(Parts(zip)[name]));

    private static string TempSeed(string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "apx-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "plantemplates.xml");
        File.WriteAllText(path, text);
        return path;
    }

    private static SolutionFileException BuildBroken(string oldText, string newText)
    {
        var text = File.ReadAllText(SeedFile);
        Assert.Contains(oldText, text);
        var seed = TempSeed(text.Replace(oldText, newText, StringComparison.Ordinal));
        try
        {
            return Assert.ThrowsExactly<SolutionFileException>(() => SeedPackageWriter.Build(seed, Source, out _));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(seed)!, recursive: true);
        }
    }

    private static int LineOf(string text)
    {
        var lines = File.ReadAllLines(SeedFile);
        return Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }

    [TestMethod]
    public void Build_RepositorySeed_HasTheThreePartsAndXmlContentType()
    {
        var zip = SeedPackageWriter.Build(SeedFile, Source, out var tables);

        CollectionAssert.AreEqual(new[] { "[Content_Types].xml", "data.xml", "data_schema.xml" }, Parts(zip).Keys.ToArray());
        var types = Part(zip, "[Content_Types].xml").Root!;
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        Assert.AreEqual(ns + "Types", types.Name);
        var defaults = types.Elements(ns + "Default").ToList();
        Assert.HasCount(1, defaults);
        Assert.AreEqual("xml", (string?)defaults[0].Attribute("Extension"));
        Assert.AreEqual("application/octet-stream", (string?)defaults[0].Attribute("ContentType"));
        Assert.HasCount(1, tables);
        Assert.AreEqual(("apx_plantemplate", 2), tables[0]);
    }

    [TestMethod]
    public void Build_RepositorySeed_SchemaListsEverySeededColumnWithItsCmtType()
    {
        var zip = SeedPackageWriter.Build(SeedFile, Source, out _);

        var entity = Part(zip, "data_schema.xml").Root!.Elements("entity").Single();
        Assert.AreEqual("apx_plantemplate", (string?)entity.Attribute("name"));
        Assert.AreEqual("Plan Template", (string?)entity.Attribute("displayname"));
        Assert.AreEqual("apx_plantemplateid", (string?)entity.Attribute("primaryidfield"));
        Assert.AreEqual("apx_name", (string?)entity.Attribute("primarynamefield"));
        Assert.AreEqual("false", (string?)entity.Attribute("disableplugins"));
        var fields = entity.Element("fields")!.Elements("field").ToDictionary(f => (string)f.Attribute("name")!, f => (string)f.Attribute("type")!);
        var expected = new Dictionary<string, string>
        {
            ["apx_plantemplateid"] = "guid",
            ["apx_name"] = "string",
            ["apx_depth"] = "optionsetvalue",
            ["apx_description"] = "string",
            ["apx_requiredanalysis"] = "string",
            ["apx_requiredposition"] = "string",
            ["apx_requiredgoals"] = "string",
            ["apx_requiredsummary"] = "string",
            ["apx_minmeasures"] = "number",
            ["apx_minstakeholders"] = "number",
            ["apx_defaultcadence"] = "optionsetvalue",
            ["apx_compactthreshold"] = "number",
            ["apx_isdefault"] = "bool",
        };
        CollectionAssert.AreEquivalent(expected.ToList(), fields.ToList());
        var key = entity.Element("fields")!.Elements("field").Single(f => (string?)f.Attribute("primaryKey") == "true");
        Assert.AreEqual("apx_plantemplateid", (string?)key.Attribute("name"));
        Assert.AreEqual("true", (string?)entity.Element("fields")!.Elements("field").Single(f => (string?)f.Attribute("name") == "apx_depth").Attribute("customfield"));
    }

    [TestMethod]
    public void Build_RepositorySeed_DataHoldsBothRecordsWithStableIdsAndValues()
    {
        var zip = SeedPackageWriter.Build(SeedFile, Source, out _);

        var root = Part(zip, "data.xml").Root!;
        Assert.AreEqual("2000-01-01T00:00:00.0000000Z", (string?)root.Attribute("timestamp"));
        var entity = root.Elements("entity").Single();
        Assert.AreEqual("apx_plantemplate", (string?)entity.Attribute("name"));
        var records = entity.Element("records")!.Elements("record").ToList();
        CollectionAssert.AreEqual(new[] { FullId, CompactId }, records.Select(r => (string)r.Attribute("id")!).ToArray());
        Dictionary<string, string> Values(XElement record) => record.Elements("field").ToDictionary(f => (string)f.Attribute("name")!, f => (string)f.Attribute("value")!);
        var full = Values(records[0]);
        Assert.AreEqual("Full", full["apx_name"]);
        Assert.AreEqual(FullId, full["apx_plantemplateid"]);
        Assert.AreEqual("726000000", full["apx_depth"]);
        Assert.AreEqual("726000000", full["apx_defaultcadence"]);
        Assert.AreEqual("3", full["apx_minmeasures"]);
        Assert.AreEqual("4", full["apx_minstakeholders"]);
        Assert.AreEqual("8", full["apx_compactthreshold"]);
        Assert.AreEqual("True", full["apx_isdefault"]);
        Assert.AreEqual("apx_businessmodel,apx_products,apx_challenges,apx_markettrends", full["apx_requiredanalysis"]);
        var compact = Values(records[1]);
        Assert.AreEqual("Compact", compact["apx_name"]);
        Assert.AreEqual(CompactId, compact["apx_plantemplateid"]);
        Assert.AreEqual("726000001", compact["apx_depth"]);
        Assert.AreEqual("726000001", compact["apx_defaultcadence"]);
        Assert.AreEqual("1", compact["apx_minmeasures"]);
        Assert.AreEqual("2", compact["apx_minstakeholders"]);
        Assert.AreEqual("False", compact["apx_isdefault"]);
        Assert.AreEqual("apx_competitiveposition", compact["apx_requiredposition"]);
        Assert.HasCount(13, compact);
    }

    [TestMethod]
    public void Write_TwoRuns_GiveIdenticalBytes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "apx-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var first = SeedPackageWriter.Write(new SeedPackageOptions { SeedFile = SeedFile, SourceFolder = Source, OutputFolder = Path.Combine(folder, "a") });
            var second = SeedPackageWriter.Write(new SeedPackageOptions { SeedFile = SeedFile, SourceFolder = Source, OutputFolder = Path.Combine(folder, "b") });

            Assert.AreEqual(SeedPackageWriter.DefaultFileName, Path.GetFileName(first.File));
            CollectionAssert.AreEqual(File.ReadAllBytes(first.File), File.ReadAllBytes(second.File));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Build_UnknownColumn_ThrowsWithSeedFileAndLine()
    {
        var line = LineOf("<field name=\"apx_minmeasures\" type=\"int\">3</field>");

        var ex = BuildBroken("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasure\" type=\"int\">3</field>");

        Assert.EndsWith("plantemplates.xml", ex.File);
        Assert.AreEqual(line, ex.Line);
        Assert.Contains("'apx_minmeasure' is not a column of apx_plantemplate", ex.Message);
    }

    [TestMethod]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasures\" type=\"string\">3</field>", "has type string but the column is int", DisplayName = "string into whole number")]
    [DataRow("<field name=\"apx_isdefault\" type=\"bool\">true</field>", "<field name=\"apx_isdefault\" type=\"int\">1</field>", "has type int but the column is bit", DisplayName = "int into yes/no")]
    [DataRow("<field name=\"apx_depth\" type=\"choice\">726000000</field>", "<field name=\"apx_depth\" type=\"choice\">5</field>", "5 is not an option of apx_depth", DisplayName = "unknown choice value")]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasures\" type=\"int\">three</field>", "is not a valid int", DisplayName = "unparsable value")]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasures\" type=\"number\">3</field>", "unknown field type 'number'", DisplayName = "unknown seed type")]
    public void Build_WrongType_ThrowsWithSeedFileAndLine(string oldText, string newText, string message)
    {
        var line = LineOf(oldText);

        var ex = BuildBroken(oldText, newText);

        Assert.AreEqual(line, ex.Line);
        Assert.Contains(message, ex.Message);
    }

    [TestMethod]
    public void Build_BrokenXml_ThrowsWithSeedFileAndLine()
    {
        var line = LineOf("<field name=\"apx_minstakeholders\" type=\"int\">4</field>");

        var ex = BuildBroken("<field name=\"apx_minstakeholders\" type=\"int\">4</field>", "<field name=\"apx_minstakeholders\" type=\"int\">4</fild>");

        Assert.EndsWith("plantemplates.xml", ex.File);
        Assert.AreEqual(line, ex.Line);
        Assert.Contains("not well formed", ex.Message);
    }

    [TestMethod]
    public void Build_UnknownTable_ThrowsAtTheRecord()
    {
        var line = LineOf("id=\"{a81a408a-418c-541b-84b1-66c278adbbb9}\"");

        var ex = BuildBroken("<record entity=\"apx_plantemplate\" id=\"{a81a408a", "<record entity=\"apx_plantemplates\" id=\"{a81a408a");

        Assert.AreEqual(line, ex.Line);
        Assert.Contains("table 'apx_plantemplates' not found", ex.Message);
    }

    [TestMethod]
    public void Build_DuplicateRecordId_Throws()
    {
        var ex = BuildBroken("{4c4a2d14-2c93-5857-9a3c-72207cab33e5}", "{a81a408a-418c-541b-84b1-66c278adbbb9}");

        Assert.AreEqual(LineOf("{4c4a2d14-2c93-5857-9a3c-72207cab33e5}"), ex.Line);
        Assert.Contains("is used twice", ex.Message);
    }
}
