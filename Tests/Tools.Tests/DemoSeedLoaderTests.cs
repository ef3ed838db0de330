using AccountPlanXrm.Emulator;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Tools.Demo;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace AccountPlanXrm.Tools.Tests;

[TestClass]
public sealed class DemoSeedLoaderTests
{
    private static string SeedFolder => Repository.PathOf("Solution", "seed");

    private static XrmEmulator NewEmulator() =>
        XrmEmulator.Builder().WithSolution(Repository.PathOf("Solution", "src")).Build();

    [TestMethod]
    public void LoadFolder_EmptyEnvironment_CreatesTemplatesWithStableIds()
    {
        var service = NewEmulator().GetService();

        var results = SeedLoader.LoadFolder(service, SeedFolder);

        Assert.AreEqual(2, results.Count);
        Assert.IsTrue(results.All(r => r.Created));
        var full = service.Retrieve("apx_plantemplate", new Guid("a81a408a-418c-541b-84b1-66c278adbbb9"), new ColumnSet("apx_name", "apx_minmeasures"));
        Assert.AreEqual("Full", full.GetAttributeValue<string>("apx_name"));
        Assert.AreEqual(3, full.GetAttributeValue<int?>("apx_minmeasures"));
    }

    [TestMethod]
    public void LoadFolder_SecondRun_UpdatesByNameWithoutDuplicates()
    {
        var service = NewEmulator().GetService();
        SeedLoader.LoadFolder(service, SeedFolder);
        var compact = new Guid("4c4a2d14-2c93-5857-9a3c-72207cab33e5");
        service.Update(new Entity("apx_plantemplate", compact) { ["apx_minmeasures"] = 9 });

        var results = SeedLoader.LoadFolder(service, SeedFolder);

        Assert.IsTrue(results.All(r => !r.Created));
        Assert.AreEqual(2, service.RetrieveMultiple(new QueryExpression("apx_plantemplate") { ColumnSet = new ColumnSet(false) }).Entities.Count);
        Assert.AreEqual(1, service.Retrieve("apx_plantemplate", compact, new ColumnSet("apx_minmeasures")).GetAttributeValue<int?>("apx_minmeasures"));
    }

    [TestMethod]
    public void Read_BrokenXml_ThrowsWithFileAndLine()
    {
        var file = DemoTestSupport.TempFile("broken.xml");
        File.WriteAllText(file, "<seed>\n  <record entity=\"apx_plantemplate\" id=\"{a81a408a-418c-541b-84b1-66c278adbbb9}\" key=\"apx_name\">\n    <field name=\"apx_name\" type=\"string\">Full</field>\n</seed>\n");

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SeedLoader.Read(file));

        Assert.AreEqual(file, error.File);
        Assert.AreEqual(4, error.Line);
    }

    [TestMethod]
    public void Read_UnknownFieldType_ThrowsWithLine()
    {
        var file = DemoTestSupport.TempFile("type.xml");
        File.WriteAllText(file, "<seed>\n  <record entity=\"apx_plantemplate\" id=\"{a81a408a-418c-541b-84b1-66c278adbbb9}\" key=\"apx_name\">\n    <field name=\"apx_name\" type=\"text\">Full</field>\n  </record>\n</seed>\n");

        var error = Assert.ThrowsExactly<SolutionFileException>(() => SeedLoader.Read(file));

        Assert.AreEqual(3, error.Line);
        StringAssert.Contains(error.Message, "unknown field type 'text'");
    }
}
