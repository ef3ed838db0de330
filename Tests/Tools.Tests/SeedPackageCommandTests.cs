using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using AccountPlanXrm.Solution.Packaging;
using AccountPlanXrm.Tools.Cli;
using AccountPlanXrm.Tools.Demo;
using Microsoft.Xrm.Sdk;

namespace AccountPlanXrm.Tools.Tests;

[TestClass]
public sealed class SeedPackageCommandTests
{
    private static string SeedFile => Repository.PathOf("Solution", "seed", "plantemplates.xml");

    private static string OutFolder() => Path.GetDirectoryName(DemoTestSupport.TempFile("unused"))!;

    [TestMethod]
    public void SeedPackage_Help_PrintsUsageAndExitsOk()
    {
        var (exit, output, _) = DemoTestSupport.Apx("seed-package", "--help");

        Assert.AreEqual(ExitCodes.Ok, exit);
        Assert.StartsWith("usage: apx seed-package [--seed <file>] [--src <dir>] [--out <dir>]", output);
        Assert.Contains("pac data import --data", output);
    }

    [TestMethod]
    public void SeedPackage_Defaults_WritesZipAndExitsOk()
    {
        var output = OutFolder();

        var (exit, text, error) = DemoTestSupport.Apx("seed-package", "--out", output);

        Assert.AreEqual(ExitCodes.Ok, exit, error);
        Assert.IsTrue(File.Exists(Path.Combine(output, SeedPackageWriter.DefaultFileName)));
        Assert.Contains("seed-package: 2 apx_plantemplate from Solution/seed/plantemplates.xml", text);
    }

    [TestMethod]
    [DataRow(new[] { "seed-package", "--seed", "missing.xml" }, "--seed: file not found: missing.xml", DisplayName = "missing seed file")]
    [DataRow(new[] { "seed-package", "--src", "nowhere" }, "--src: folder not found: nowhere", DisplayName = "missing source folder")]
    [DataRow(new[] { "seed-package", "--zip", "x" }, "unknown option '--zip'", DisplayName = "unknown option")]
    public void SeedPackage_BadArguments_ExitsWithUsage(string[] args, string message)
    {
        var (exit, _, error) = DemoTestSupport.Apx(args);

        Assert.AreEqual(ExitCodes.Usage, exit, error);
        Assert.Contains(message, error);
    }

    [TestMethod]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_maxmeasures\" type=\"int\">3</field>", "is not a column of apx_plantemplate", DisplayName = "unknown column")]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasures\" type=\"bool\">true</field>", "has type bool but the column is int", DisplayName = "wrong type")]
    [DataRow("<field name=\"apx_minmeasures\" type=\"int\">3</field>", "<field name=\"apx_minmeasures\" type=\"int\">3</fild>", "not well formed", DisplayName = "broken XML")]
    public void SeedPackage_BrokenSeed_PrintsFileAndLineAndExitsWithFailure(string oldText, string newText, string message)
    {
        var text = File.ReadAllText(SeedFile);
        var line = Array.FindIndex(File.ReadAllLines(SeedFile), l => l.Contains(oldText, StringComparison.Ordinal)) + 1;
        var seed = DemoTestSupport.TempFile("plantemplates.xml");
        File.WriteAllText(seed, text.Replace(oldText, newText, StringComparison.Ordinal));
        var output = OutFolder();

        var (exit, _, error) = DemoTestSupport.Apx("seed-package", "--seed", seed, "--out", output);

        Assert.AreEqual(ExitCodes.Failure, exit, error);
        Assert.Contains($"{seed.Replace('\\', '/')}:{line}: error ", error.Replace('\\', '/'));
        Assert.Contains(message, error);
        Assert.Contains("apx seed-package: failed", error);
        Assert.DoesNotContain("   at ", error);
        Assert.IsFalse(File.Exists(Path.Combine(output, SeedPackageWriter.DefaultFileName)));
    }

    [TestMethod]
    public void SeedPackage_Data_MatchesWhatTheDemoSeedLoaderReads()
    {
        var output = OutFolder();
        DemoTestSupport.Apx("seed-package", "--out", output);
        using var zip = ZipFile.OpenRead(Path.Combine(output, SeedPackageWriter.DefaultFileName));
        using var stream = zip.GetEntry("data.xml")!.Open();
        var records = XDocument.Load(stream).Root!.Elements("entity").Single().Element("records")!.Elements("record")
            .ToDictionary(r => Guid.Parse((string)r.Attribute("id")!), r => r.Elements("field").ToDictionary(f => (string)f.Attribute("name")!, f => (string)f.Attribute("value")!));

        var seeded = SeedLoader.Read(SeedFile);

        Assert.HasCount(seeded.Count, records);
        foreach (var record in seeded)
        {
            var values = records[record.Id];
            foreach (var (name, value) in record.Values.Attributes)
            {
                var expected = value switch
                {
                    OptionSetValue option => option.Value.ToString(CultureInfo.InvariantCulture),
                    bool flag => flag ? "True" : "False",
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
                Assert.AreEqual(expected, values[name], $"{record.Id} {name}");
            }
        }
    }
}
